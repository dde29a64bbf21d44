using Alpha2.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alpha2.Tests.Infrastructure;

/// <summary>The worker's real graph (<c>AddAlpha2Worker</c>) in this process, with settings as environment variables would give.</summary>
public static class WorkerHost
{
    /// <summary>Fast timings for tests; a test overrides what it is about.</summary>
    public static Dictionary<string, string?> TestSettings(string redisUrl) => new()
    {
        ["REDIS_URL"] = redisUrl,
        ["WORKER_BLOCK_SECONDS"] = "1",
        ["WORKER_HEARTBEAT_SECONDS"] = "1",
        ["WORKER_HEARTBEAT_TTL_SECONDS"] = "3",
        ["WORKER_REAPER_SECONDS"] = "1",
        ["JOB_RETRY_DELAY_MS"] = "50",
        ["PROVIDER_RETRIES"] = "0",
        ["PROVIDER_RETRY_DELAY_MS"] = "50",
        ["WORKER_SHUTDOWN_SECONDS"] = "5",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var host = Compose(settings, logs).Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The worker's graph with these settings, not built yet: a test may add to it, or read its services unstarted.</summary>
    public static HostApplicationBuilder Compose(IDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }

        builder.AddAlpha2Worker();
        return builder;
    }
}
