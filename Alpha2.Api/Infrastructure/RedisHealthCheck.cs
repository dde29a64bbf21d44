using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Alpha2.Api.Infrastructure;

/// <summary>Ready means Redis answers a PING: without it the API can neither queue nor serve.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.");
        }
    }
}
