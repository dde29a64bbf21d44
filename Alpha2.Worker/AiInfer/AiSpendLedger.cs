using Alpha2.Contracts.Jobs;
using StackExchange.Redis;

namespace Alpha2.Worker.AiInfer;

/// <summary>
/// The daily AI spend cap, held across replicas: a call first reserves its worst-case cost atomically and runs only
/// if that fits under the cap, then settles to its real cost. Concurrent calls can therefore never pass the cap.
/// Amounts are integer micro-USD.
/// </summary>
internal sealed class AiSpendLedger(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(2);

    private static readonly LuaScript Reserve = LuaScript.Prepare("""
        local spent = tonumber(redis.call('GET', @total) or '0')
        if spent + tonumber(@amount) > tonumber(@cap) then return spent end
        redis.call('INCRBY', @total, @amount)
        redis.call('EXPIRE', @total, @ttl)
        return -1
        """);

    /// <summary>Reserves <paramref name="microUsd"/>; null when granted, else what was already spent today.</summary>
    public async Task<long?> TryReserveAsync(long microUsd, long capMicroUsd)
    {
        var spent = (long)await redis.GetDatabase().ScriptEvaluateAsync(Reserve, new
        {
            total = (RedisKey)RedisKeys.AiSpend(Today),
            amount = microUsd,
            cap = capMicroUsd,
            ttl = (long)KeyLifetime.TotalSeconds,
        });
        return spent < 0 ? null : spent;
    }

    /// <summary>Replaces a reservation with the real cost (0 when the call failed).</summary>
    public Task SettleAsync(long reservedMicroUsd, long actualMicroUsd) =>
        redis.GetDatabase().StringIncrementAsync(RedisKeys.AiSpend(Today), actualMicroUsd - reservedMicroUsd);

    public static long ToMicroUsd(decimal usd) => (long)Math.Ceiling(usd * 1_000_000m);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
