using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Alpha2.ServiceDefaults;

public static class RedisExtensions
{
    /// <summary>The connection options from <c>REDIS_URL</c>, with the settings every Alpha2 connection shares.</summary>
    public static ConfigurationOptions RedisOptions(this IConfiguration configuration, string clientName)
    {
        var options = RedisUrl.Parse(
            configuration["REDIS_URL"] ?? RedisUrl.Default,
            SentinelCredentials.From(configuration),
            // A private CA for Redis alone: trusting it process-wide (SSL_CERT_FILE) would replace the public CAs the
            // provider calls need.
            configuration[RedisUrl.TlsCaFileVariable] is { Length: > 0 } caFile ? caFile : null);
        options.ClientName = clientName;
        // Start and keep retrying while Redis is down; callers get errors, not a dead process.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        return options;
    }

    /// <summary>Registers the shared multiplexer for ordinary (non-blocking) commands.</summary>
    public static IServiceCollection AddAlpha2Redis(
        this IServiceCollection services, IConfiguration configuration, string clientName, Action<ConfigurationOptions>? configure = null)
    {
        var options = configuration.RedisOptions(clientName);
        configure?.Invoke(options);
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            if (options.Tunnel is SentinelTunnel tunnel)
            {
                // The shared connection speaks for the process: what the sentinels answer is logged from here.
                tunnel.Logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<SentinelTunnel>();
            }

            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }
}
