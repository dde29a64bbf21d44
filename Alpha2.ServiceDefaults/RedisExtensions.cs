using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alpha2.ServiceDefaults;

public static class RedisExtensions
{
    /// <summary>The connection options from <c>REDIS_URL</c>, with the settings every Alpha2 connection shares.</summary>
    public static ConfigurationOptions RedisOptions(this IConfiguration configuration, string clientName)
    {
        var options = RedisUrl.Parse(configuration["REDIS_URL"] ?? RedisUrl.Default);
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
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        return services;
    }
}
