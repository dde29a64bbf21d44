using System.Globalization;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.ServiceDefaults;
using Alpha2.Worker.Features.AiInfer;
using Alpha2.Worker.Features.CexRadar;
using Alpha2.Worker.Features.HeliusMints;
using Alpha2.Worker.Features.Whales;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers.Apify;
using Alpha2.Worker.Providers.Binance;
using Alpha2.Worker.Providers.Birdeye;
using Alpha2.Worker.Providers.Bybit;
using Alpha2.Worker.Providers.Gemini;
using Alpha2.Worker.Providers.Groq;
using Alpha2.Worker.Providers.Helius;
using Alpha2.Worker.Providers.Okx;
using Alpha2.Worker.Providers.RugCheck;
using Alpha2.Worker.Providers.Telegram;
using Alpha2.Worker.Providers.TokenMetadata;
using Alpha2.Worker.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Refit;

namespace Alpha2.Worker;

/// <summary>
/// The worker's whole graph, and the one file that names every provider and feature; Program.cs and the tests compose
/// the same one. Features use providers, the mint feed's store and the queue; never one another (docs/architecture.md).
/// </summary>
internal static class WorkerComposition
{
    /// <summary>The worker's ActivitySource and Meter name (provider call metrics among them).</summary>
    public const string TelemetryName = "Alpha2.Worker";

    public static IHostApplicationBuilder AddAlpha2Worker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<WorkerOptions>().Configure(o => BindWorker(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProviderResilienceOptions>().Configure(o => BindResilience(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AiOptions>().Configure(o => o.Bind(name => configuration[name])).ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = TimeSpan.FromSeconds(worker.Value.ShutdownSeconds));

        services.AddAlpha2Redis(configuration, "alpha2-worker", options => options.WithKeyMode(configuration[KeyScheme.Variable]));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobQueue>();
        services.AddJobConsumers(clientName => configuration.RedisOptions(clientName).WithKeyMode(configuration[KeyScheme.Variable]));
        services.AddSingleton<ProviderRateLimiter>();
        services.AddSingleton<ProviderMetrics>();
        services.AddSingleton<IPendingWrites>(provider => provider.GetRequiredService<ProviderMetrics>());

        services.AddGemini();
        services.AddGroq();
        services.AddHelius(configuration);
        services.AddRugCheck(configuration);
        services.AddTokenMetadata(configuration);
        services.AddBirdeye();
        services.AddApify();
        services.AddBinance();
        services.AddBybit();
        services.AddOkx();
        services.AddTelegram();

        services.AddSingleton<MintFeed>();

        services.AddAiInfer();
        services.AddCexRadar(configuration);
        services.AddHeliusMints(configuration);
        services.AddWhales(configuration);

        builder.AddAlpha2Telemetry(
            TelemetryName,
            t => t.AddSource(QueueTelemetry.Name),
            m => m.AddMeter(QueueTelemetry.Name),
            MetricsScraping(configuration["WORKER_METRICS_PORT"]));
        builder.AddAlpha2LogLevels();
        builder.AddHttpClientLoggingOnlyWhenOn();
        return builder;
    }

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

    /// <summary>The worker's own <c>/metrics</c> for Prometheus on that port (docs/metrics.md); empty, none.</summary>
    private static PrometheusScraping? MetricsScraping(string? port) => port switch
    {
        null or "" => null,
        _ when int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65_535 =>
            PrometheusScraping.OnPort(number),
        _ => throw new InvalidOperationException($"WORKER_METRICS_PORT must be a port number (1-65535) or empty, not '{port}'."),
    };

    private static void BindResilience(ProviderResilienceOptions options, IConfiguration configuration)
    {
        options.Retries = configuration.GetValue("PROVIDER_RETRIES", options.Retries);
        options.RetryDelayMs = configuration.GetValue("PROVIDER_RETRY_DELAY_MS", options.RetryDelayMs);
        options.AttemptTimeoutSeconds = configuration.GetValue("PROVIDER_ATTEMPT_TIMEOUT_SECONDS", options.AttemptTimeoutSeconds);
        options.TotalTimeoutSeconds = configuration.GetValue("PROVIDER_TOTAL_TIMEOUT_SECONDS", options.TotalTimeoutSeconds);
    }
}
