using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Alpha2.Tests.Infrastructure;

/// <summary>The real API in memory, on its own Redis database, configured as the environment would.</summary>
public sealed class ApiFactory(string redisUrl, IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("REDIS_URL", redisUrl);
        // Tests fire thousands of requests from one client; the fixture about limits turns them back on.
        builder.UseSetting("RATE_LIMIT_PER_MINUTE", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        }
    }
}
