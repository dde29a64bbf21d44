using Alpha2.Contracts.Jobs;
using StackExchange.Redis;

namespace Alpha2.Worker.AiInfer;

/// <summary>
/// Lets a prompt through both AI limits in one round trip: the daily spend cap (its worst-case cost is reserved
/// atomically, so concurrent calls can never pass the cap) and the provider's calls per second across replicas (a
/// counter per unix second). Over the rate, the prompt waits for the next second and asks again, reserving nothing
/// meanwhile. Amounts are integer micro-USD; <see cref="AiSpendLedger"/> settles the reservation afterwards.
/// </summary>
internal sealed class AiAdmission(IConnectionMultiplexer redis, TimeProvider clock)
{
    private const long Admitted = -1;
    private const long OverRate = -2;
    private static readonly TimeSpan SpendLifetime = TimeSpan.FromDays(2);

    private static readonly LuaScript Admit = LuaScript.Prepare("""
        local spent = tonumber(redis.call('GET', @total) or '0')
        if spent + tonumber(@amount) > tonumber(@cap) then return spent end
        local calls = redis.call('INCR', @window)
        if calls == 1 then redis.call('PEXPIRE', @window, 2000) end
        if calls > tonumber(@perSecond) then return -2 end
        redis.call('INCRBY', @total, @amount)
        redis.call('EXPIRE', @total, @ttl)
        return -1
        """);

    /// <summary>Null once admitted with <paramref name="microUsd"/> reserved; else what was already spent today.</summary>
    public async Task<long?> TryAdmitAsync(string provider, int perSecond, long microUsd, long capMicroUsd, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var second = now.ToUnixTimeSeconds();
            var answer = (long)await redis.GetDatabase().ScriptEvaluateAsync(Admit, new
            {
                total = (RedisKey)RedisKeys.AiSpend(DateOnly.FromDateTime(now.UtcDateTime)),
                window = (RedisKey)RedisKeys.RateWindow(provider, second),
                amount = microUsd,
                cap = capMicroUsd,
                perSecond,
                ttl = (long)SpendLifetime.TotalSeconds,
            });
            if (answer != OverRate)
            {
                return answer == Admitted ? null : answer;
            }

            // Spread the waiters over the next second instead of waking them all at its first millisecond.
            var nextSecond = DateTimeOffset.FromUnixTimeSeconds(second + 1);
            await Task.Delay(nextSecond - now + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50)), clock, cancellationToken);
        }
    }
}
