using Alpha2.Contracts;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.AiInfer;

/// <summary>
/// Lets a prompt through both AI limits: the daily spend cap (a prompt's worst-case cost is reserved before it is
/// sent, and reservations are taken atomically in Redis, so replicas together never pass the cap) and the provider's
/// calls per second across replicas (a counter per unix second). Over the rate, the prompt waits for the next second
/// and asks again, reserving nothing meanwhile. Amounts are integer micro-USD; <see cref="AiSpendLedger"/> settles
/// each reservation afterwards.
/// <para>
/// Reservations and call slots are taken from Redis in small leases (a few prompts' worth of spend, at most a
/// quarter of what is left today; a tenth of a second's calls), so a busy worker asks Redis once per lease rather
/// than once per prompt. A lease idle for <see cref="IdleReturn"/> goes back, so no replica sits on spend another
/// could use; a lease lost in a crash stays counted, as an unsettled reservation does: the cap errs on the safe side.
/// </para>
/// </summary>
internal sealed class AiAdmission : IDisposable
{
    public static readonly TimeSpan IdleReturn = TimeSpan.FromSeconds(1);

    private const long OverRate = -2;
    private const long OverCap = -1;
    private const int PromptsPerLease = 32;
    private static readonly TimeSpan SpendLifetime = TimeSpan.FromDays(2);

    // Rate first, so nothing is reserved for a prompt over the rate; a refused reservation gives the slots back.
    private static readonly LuaScript Lease = LuaScript.Prepare("""
        local slots = 0
        if tonumber(@slotsWanted) > 0 then
          local calls = tonumber(redis.call('GET', @window) or '0')
          slots = math.min(tonumber(@slotsWanted), tonumber(@perSecond) - calls)
          if slots <= 0 then return {-2, 0} end
          redis.call('INCRBY', @window, slots)
          redis.call('PEXPIRE', @window, 2000)
        end
        local granted = 0
        if tonumber(@spendNeeded) > 0 then
          local spent = tonumber(redis.call('GET', @total) or '0')
          local left = tonumber(@cap) - spent
          if left < tonumber(@spendNeeded) then
            if slots > 0 then redis.call('DECRBY', @window, slots) end
            return {-1, spent}
          end
          granted = math.max(tonumber(@spendNeeded), math.min(tonumber(@spendWanted), math.floor(left / 4)))
          redis.call('INCRBY', @total, string.format('%.0f', granted))
          redis.call('EXPIRE', @total, @ttl)
        end
        return {slots, granted}
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _leasing = new(1, 1);
    private readonly ITimer _idleCheck;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Second, long Left)> _slots = new(StringComparer.Ordinal);
    private (DateOnly Day, long Left) _spend;
    private long _lastAdmitted;

    public AiAdmission(IConnectionMultiplexer redis, TimeProvider clock)
    {
        _redis = redis;
        _clock = clock;
        _idleCheck = clock.CreateTimer(_ => ReturnIdleSpend(), null, IdleReturn, IdleReturn);
    }

    /// <summary>Null once admitted with <paramref name="microUsd"/> reserved; else what was already spent (or reserved) today.</summary>
    public async Task<long?> TryAdmitAsync(string provider, int perSecond, long microUsd, long capMicroUsd, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _clock.GetUtcNow();
            if (TryTakeLocally(provider, now, microUsd))
            {
                return null;
            }

            await _leasing.WaitAsync(cancellationToken);
            (long Outcome, long Spent) answer;
            try
            {
                // Another caller may have leased while this one waited.
                if (TryTakeLocally(provider, now = _clock.GetUtcNow(), microUsd))
                {
                    return null;
                }

                answer = await LeaseAsync(provider, perSecond, microUsd, capMicroUsd, now);
            }
            finally
            {
                _leasing.Release();
            }

            if (answer.Outcome == OverCap)
            {
                return answer.Spent;
            }

            if (answer.Outcome == OverRate)
            {
                // Spread the waiters over the next second instead of waking them all at its first millisecond.
                var nextSecond = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1);
                await Task.Delay(nextSecond - now + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50)), _clock, cancellationToken);
            }
        }
    }

    /// <summary>Gives the unused spend lease back at shutdown.</summary>
    public void Dispose()
    {
        _idleCheck.Dispose();
        _leasing.Dispose();
        ReturnSpend(ifIdleFor: TimeSpan.Zero);
    }

    private bool TryTakeLocally(string provider, DateTimeOffset now, long microUsd)
    {
        var second = now.ToUnixTimeSeconds();
        lock (_gate)
        {
            if (_spend.Day != Day(now) || _spend.Left < microUsd
                || !_slots.TryGetValue(provider, out var slots) || slots.Second != second || slots.Left == 0)
            {
                return false;
            }

            _spend.Left -= microUsd;
            _slots[provider] = (second, slots.Left - 1);
            _lastAdmitted = _clock.GetTimestamp();
            return true;
        }
    }

    /// <summary>
    /// Leases what the local stock lacks for one prompt. Outcome 0 when it now has it, else OverRate, or OverCap with
    /// what the day's total already holds.
    /// </summary>
    private async Task<(long Outcome, long Spent)> LeaseAsync(string provider, int perSecond, long microUsd, long capMicroUsd, DateTimeOffset now)
    {
        var day = Day(now);
        var second = now.ToUnixTimeSeconds();
        if (day != _spend.Day)
        {
            ReturnSpend(ifIdleFor: TimeSpan.Zero);
        }

        long spendNeeded, slotsWanted;
        lock (_gate)
        {
            spendNeeded = Math.Max(0, microUsd - (_spend.Day == day ? _spend.Left : 0));
            slotsWanted = _slots.TryGetValue(provider, out var slots) && slots.Second == second && slots.Left > 0
                ? 0
                : Math.Clamp(perSecond / 10, 1, 64);
        }

        var reply = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(Lease, new
        {
            window = (RedisKey)RedisKeys.RateWindow(provider, second),
            total = (RedisKey)RedisKeys.AiSpend(day),
            slotsWanted,
            perSecond,
            spendNeeded,
            spendWanted = spendNeeded == 0 ? 0 : Math.Max(spendNeeded, microUsd * PromptsPerLease),
            cap = capMicroUsd,
            ttl = (long)SpendLifetime.TotalSeconds,
        }))!;
        var (first, granted) = ((long)reply[0], (long)reply[1]);
        if (first is OverRate or OverCap)
        {
            return (first, granted);
        }

        lock (_gate)
        {
            _spend = (day, (_spend.Day == day ? _spend.Left : 0) + granted);
            if (first > 0)
            {
                _slots[provider] = (second, first);
            }
        }

        return (0, 0);
    }

    private void ReturnIdleSpend() => ReturnSpend(ifIdleFor: IdleReturn);

    /// <summary>Gives the unused spend lease back to its day's total once no prompt took from it for <paramref name="ifIdleFor"/>.</summary>
    private void ReturnSpend(TimeSpan ifIdleFor)
    {
        (DateOnly Day, long Left) returned;
        lock (_gate)
        {
            if (_spend.Left == 0 || _clock.GetElapsedTime(_lastAdmitted) < ifIdleFor)
            {
                return;
            }

            returned = _spend;
            _spend = (_spend.Day, 0);
        }

        _redis.GetDatabase().StringDecrement(RedisKeys.AiSpend(returned.Day), returned.Left, CommandFlags.FireAndForget);
    }

    private static DateOnly Day(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);
}
