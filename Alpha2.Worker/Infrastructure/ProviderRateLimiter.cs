using Alpha2.Contracts;
using StackExchange.Redis;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// Calls per second per provider across every worker replica: a counter per unix second in Redis. A caller over
/// the limit waits for the next second instead of failing: the job waits its turn.
/// </summary>
internal sealed class ProviderRateLimiter(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local n = redis.call('INCR', @window)
        if n == 1 then redis.call('PEXPIRE', @window, 2000) end
        return n
        """);

    public async Task WaitTurnAsync(string provider, int perSecond, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var second = now.ToUnixTimeSeconds();
            var taken = (long)await redis.GetDatabase().ScriptEvaluateAsync(Take, new { window = (RedisKey)RedisKeys.RateWindow(provider, second) });
            if (taken <= perSecond)
            {
                return;
            }

            // Spread the waiters over the next second instead of waking them all at its first millisecond.
            var nextSecond = DateTimeOffset.FromUnixTimeSeconds(second + 1);
            await Task.Delay(nextSecond - now + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50)), clock, cancellationToken);
        }
    }
}
