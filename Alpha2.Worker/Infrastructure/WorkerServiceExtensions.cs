using System.Net;
using System.Text.Json;
using Alpha2.ServiceDefaults;
using Alpha2.Worker.AiInfer;
using Alpha2.Worker.Birdeye;
using Alpha2.Worker.CexRadar;
using Alpha2.Worker.HeliusMints;
using Alpha2.Worker.Jobs;
using Alpha2.Worker.Metrics;
using Alpha2.Worker.Whales;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Refit;

namespace Alpha2.Worker.Infrastructure;

internal static class WorkerServiceExtensions
{
    /// <summary>The worker's whole graph; Program.cs and the tests compose the same one.</summary>
    public static IHostApplicationBuilder AddAlpha2Worker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<WorkerOptions>().Configure(o => BindWorker(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProviderResilienceOptions>().Configure(o => BindResilience(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAiOptions(configuration);
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = TimeSpan.FromSeconds(worker.Value.ShutdownSeconds));

        services.AddAlpha2Redis(configuration, "alpha2-worker");
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WorkerTelemetry>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<RedisLock>();
        services.AddSingleton<ProviderRateLimiter>();
        services.AddSingleton<ProviderMetrics>();

        services.AddAiInfer();
        services.AddBirdeye();
        services.AddCexRadar(configuration);
        services.AddHeliusMints(configuration);
        services.AddWhales(configuration);

        // One consumer per queue that has a handler; queues of features not built yet keep their jobs queued.
        services.AddSingleton<IEnumerable<QueueConsumer>>(provider => provider.GetServices<IJobHandler>()
            .Select(handler => ActivatorUtilities.CreateInstance<QueueConsumer>(provider, handler))
            .ToArray());
        // Registration order is stop order reversed: the heartbeat outlives the consumers' graceful stop.
        services.AddSingleton<Heartbeat>().AddHostedService(p => p.GetRequiredService<Heartbeat>());
        services.AddSingleton<Reaper>().AddHostedService(p => p.GetRequiredService<Reaper>());
        services.AddHostedService<QueueWorker>();

        builder.AddAlpha2Telemetry(WorkerTelemetry.Name);
        builder.AddAlpha2LogLevels();
        return builder;
    }

    /// <summary>
    /// A provider's Refit client: base URL from its variable, source-generated JSON, HTTP/2 where the provider offers
    /// it, the shared resilience pipeline, and each attempt's latency and outcome recorded under
    /// <paramref name="name"/> for the metrics panel.
    /// </summary>
    internal static IHttpClientBuilder AddProviderClient<T>(this IServiceCollection services, string name, ProviderUrl url, JsonSerializerOptions json)
        where T : class =>
        services.AddRefitGeneratedClient<T>(new RefitSettings
            {
                ContentSerializer = new SystemTextJsonContentSerializer(json),
                // Over TLS the provider picks HTTP/2 or HTTP/1.1 (ALPN); plain http:// (the sandbox) stays HTTP/1.1.
                // On HTTP/2 concurrent calls share one connection: fewer handshakes, sends and thread wake-ups per call.
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            })
            // Past the server's limit of concurrent streams, open another connection instead of queueing calls.
            .UseSocketsHttpHandler((handler, _) => handler.EnableMultipleHttp2Connections = true)
            .ConfigureProviderHttp(name, url);

    /// <summary>Base URL, the shared resilience pipeline, and per-attempt metrics, for any provider HttpClient.</summary>
    internal static IHttpClientBuilder ConfigureProviderHttp(this IHttpClientBuilder builder, string name, ProviderUrl url) =>
        builder
            .ConfigureHttpClient((provider, client) => client.BaseAddress = url.Resolve(provider.GetRequiredService<IConfiguration>()))
            .AddProviderHandlers(name);

    /// <summary>The shared resilience pipeline, per-attempt metrics under <paramref name="name"/>, and the response size cap.</summary>
    internal static IHttpClientBuilder AddProviderHandlers(this IHttpClientBuilder builder, string name) =>
        builder
            .AddProviderResilience()
            .AddHttpMessageHandler(provider => new ProviderMetricsHandler(provider.GetRequiredService<ProviderMetrics>(), name))
            .AddHttpMessageHandler(provider => new ResponseSizeLimit(
                provider.GetRequiredService<IConfiguration>().GetValue("PROVIDER_MAX_RESPONSE_BYTES", ResponseSizeLimit.DefaultMaxBytes)));

    private static void BindWorker(WorkerOptions options, IConfiguration configuration)
    {
        options.WorkerId = configuration["WORKER_ID"] is { Length: > 0 } id ? id : options.WorkerId;
        options.Concurrency = configuration.GetValue("WORKER_CONCURRENCY", options.Concurrency);
        options.BlockSeconds = configuration.GetValue("WORKER_BLOCK_SECONDS", options.BlockSeconds);
        options.HeartbeatSeconds = configuration.GetValue("WORKER_HEARTBEAT_SECONDS", options.HeartbeatSeconds);
        options.HeartbeatTtlSeconds = configuration.GetValue("WORKER_HEARTBEAT_TTL_SECONDS", options.HeartbeatTtlSeconds);
        options.ReaperSeconds = configuration.GetValue("WORKER_REAPER_SECONDS", options.ReaperSeconds);
        options.MaxAttempts = configuration.GetValue("JOB_MAX_ATTEMPTS", options.MaxAttempts);
        options.RetryDelayMs = configuration.GetValue("JOB_RETRY_DELAY_MS", options.RetryDelayMs);
        options.RetentionHours = configuration.GetValue("JOB_RETENTION_HOURS", options.RetentionHours);
        options.ShutdownSeconds = configuration.GetValue("WORKER_SHUTDOWN_SECONDS", options.ShutdownSeconds);
        options.HealthFile = configuration["WORKER_HEALTH_FILE"];
    }

    private static void BindResilience(ProviderResilienceOptions options, IConfiguration configuration)
    {
        options.Retries = configuration.GetValue("PROVIDER_RETRIES", options.Retries);
        options.RetryDelayMs = configuration.GetValue("PROVIDER_RETRY_DELAY_MS", options.RetryDelayMs);
        options.AttemptTimeoutSeconds = configuration.GetValue("PROVIDER_ATTEMPT_TIMEOUT_SECONDS", options.AttemptTimeoutSeconds);
        options.TotalTimeoutSeconds = configuration.GetValue("PROVIDER_TOTAL_TIMEOUT_SECONDS", options.TotalTimeoutSeconds);
    }
}
