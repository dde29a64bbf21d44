using Alpha2.Contracts;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.AiInfer;

/// <summary>
/// The AI spend of the day across replicas, in integer micro-USD: <see cref="AiAdmission"/> reserves a call's
/// worst-case cost before it runs, and the ledger settles it to the real cost afterwards.
/// </summary>
internal sealed class AiSpendLedger(IConnectionMultiplexer redis, TimeProvider clock)
{
    /// <summary>
    /// Replaces a reservation with the real cost (0 when the call failed). Sent without waiting for the answer: it
    /// rides in the same write as the job's completion, and if it is lost the day keeps the higher, reserved amount.
    /// </summary>
    public void Settle(long reservedMicroUsd, long actualMicroUsd) =>
        redis.GetDatabase().StringIncrement(RedisKeys.AiSpend(Today), actualMicroUsd - reservedMicroUsd, CommandFlags.FireAndForget);

    public static long ToMicroUsd(decimal usd) => (long)Math.Ceiling(usd * 1_000_000m);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
