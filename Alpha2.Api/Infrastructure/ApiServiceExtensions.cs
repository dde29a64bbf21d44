using Alpha2.Api.Ops;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Queue;
using Alpha2.Queue.Ops;
using Alpha2.ServiceDefaults;
using FluentValidation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Alpha2.Api.Infrastructure;

internal static class ApiServiceExtensions
{
    public const string TelemetryName = "Alpha2.Api";

    public static WebApplicationBuilder AddAlpha2Api(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);

        // The API never blocks on Redis: commands fail fast while it is down, so clients get a 503 at once.
        services.AddAlpha2Redis(builder.Configuration, "alpha2-api", options =>
        {
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.AsyncTimeout = 2_000;
            options.SyncTimeout = 2_000;
            options.WithKeyMode(builder.Configuration[KeyScheme.Variable]);
        });
        services.AddOptions<AiOptions>().Configure(o => o.Bind(name => builder.Configuration[name])).ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => DurableEnqueues.Create(builder.Configuration, provider));
        services.AddSingleton<JobReader>();
        services.AddQueueOps();
        services.AddOpsEvents();
        services.AddSingleton<LatestResults>();
        services.AddSingleton<JobCompletionSignal>();
        services.AddSingleton<Metrics.ProviderUsageReader>();
        services.AddSingleton<Metrics.MintSourceReader>();
        services.AddSingleton<Metrics.ProviderHistoryReader>();
        services.AddSingleton(Metrics.SuggestionOptions.From(builder.Configuration));
        services.AddSingleton(CexRadar.CexRadarOptions.From(builder.Configuration));

        services.ConfigureHttpJsonOptions(json =>
        {
            // The shared contract's options, so HTTP answers match what rides in Redis.
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, Alpha2Json.Default);
            json.SerializerOptions.DefaultIgnoreCondition = Alpha2Json.Default.Options.DefaultIgnoreCondition;
            // Numbers are numbers: "maxTokens":"5" is a client error, and the OpenAPI types say integer, not integer|string.
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        // Malformed bodies reach the exception handler, which says what was wrong in problem+json.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddSingleton<ApiKeyFilter>();
        services.AddClientRateLimits(builder.Configuration);
        services.AddAlpha2Cors(builder.Configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        services.AddOpenApi();
        services.AddSingleton<QueueDepthSampler>().AddHostedService(p => p.GetRequiredService<QueueDepthSampler>());

        builder.AddAlpha2Telemetry(
            TelemetryName,
            tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                    && !context.Request.Path.StartsWithSegments(PrometheusScraping.Path)
                    // A stream of live events would be one span as long as the client stays.
                    && !context.Request.Path.StartsWithSegments(OpsEventsEndpoints.Path))
                .AddSource(ProducerTelemetry.Name),
            // ASP.NET Core's request and connection metrics and its handled exceptions (docs/metrics.md), not the
            // routing and rate-limiting meters, which add five more instrument updates to every request that queues work.
            metrics => metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics"),
            PrometheusScraping.Endpoint);
        builder.AddAlpha2LogLevels();
        return builder;
    }
}
