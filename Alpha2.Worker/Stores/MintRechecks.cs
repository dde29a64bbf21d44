using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Worker.Stores;

/// <summary>What one claim took: the mints to re-check now, how many due checks still wait, and whether the hour's budget stopped it.</summary>
internal sealed record RecheckClaim(IReadOnlyList<(string Mint, MintRecheck? State)> Claimed, long Waiting, bool BudgetSpent);

/// <summary>How a re-check's write went: stored, the row gone from the feed, or the row changed under it (read again).</summary>
internal enum RecheckWrite
{
    Stored,
    RowGone,
    Conflict,
}

/// <summary>
/// The safety re-check schedule beside the feed (docs/domain.md §2.1.1): a due set that <see cref="MintFeed"/> fills and
/// trims with the rows, claimed atomically with the hour's credit budget so each check runs once across replicas, and a
/// write that swaps one row and rebuilds the served JSON in the same script, as the feed's own add does.
/// </summary>
internal sealed class MintRechecks(IConnectionMultiplexer redis)
{
    // A claim moves the due time on by the claim timeout instead of removing it: a replica that dies mid-check leaves the
    // mint due again then. The budget is reserved per check before it runs, so replicas together never overspend it.
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local now = tonumber(@now)
        local due = redis.call('ZRANGEBYSCORE', @due, '-inf', now, 'LIMIT', 0, tonumber(@batch))
        local spent = tonumber(redis.call('GET', @credits) or '0')
        local cost, budget = tonumber(@cost), tonumber(@budget)
        local result = {0, 0}
        for _, mint in ipairs(due) do
          if spent + cost > budget then result[2] = 1 break end
          spent = spent + cost
          redis.call('ZADD', @due, now + tonumber(@claimSeconds), mint)
          table.insert(result, mint)
          table.insert(result, redis.call('HGET', @state, mint) or '')
        end
        if #result > 2 then redis.call('SET', @credits, spent, 'EX', tonumber(@creditsSeconds)) end
        result[1] = redis.call('ZCOUNT', @due, '-inf', now)
        return result
        """);

    // The rebuild and the notice are MintFeed's add's, so readers see a re-checked row exactly as they see a new one.
    private static readonly LuaScript Write = LuaScript.Prepare("""
        local current = redis.call('HGET', @rows, @mint)
        if not current then
          redis.call('ZREM', @due, @mint)
          redis.call('HDEL', @state, @mint)
          return 1
        end
        if current ~= @expected then return 2 end
        redis.call('HSET', @rows, @mint, @row)
        if @next ~= '' then
          redis.call('ZADD', @due, @next, @mint)
        else
          redis.call('ZREM', @due, @mint)
          redis.call('HDEL', @state, @mint)
        end
        local mints = redis.call('ZREVRANGE', @order, 0, -1)
        redis.call('SET', @latest, '[' .. table.concat(redis.call('HMGET', @rows, unpack(mints)), ',') .. ']')
        redis.call('PUBLISH', @latestChannel, @queue)
        return 0
        """);

    private static readonly TimeSpan CreditsLifetime = TimeSpan.FromHours(2);

    /// <summary>
    /// Claims up to <paramref name="batch"/> checks due by <paramref name="now"/>, while <paramref name="cost"/> each fits the
    /// <paramref name="budget"/> of the UTC hour that <paramref name="now"/> is in; the rest stay due (postponed, not dropped).
    /// </summary>
    public async Task<RecheckClaim> ClaimAsync(DateTimeOffset now, int batch, int cost, int budget, TimeSpan claimTimeout)
    {
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Claim, new
        {
            due = (RedisKey)RedisKeys.MintRecheckDue,
            state = (RedisKey)RedisKeys.MintRecheckState,
            credits = (RedisKey)RedisKeys.MintRecheckCredits(hour),
            now = now.ToUnixTimeSeconds(),
            batch,
            cost,
            budget,
            claimSeconds = (long)claimTimeout.TotalSeconds,
            creditsSeconds = (long)CreditsLifetime.TotalSeconds,
        }))!;
        var claimed = new List<(string, MintRecheck?)>();
        for (var i = 2; i + 1 < result.Length; i += 2)
        {
            var state = (string?)result[i + 1];
            claimed.Add(((string)result[i]!, state is { Length: > 0 } ? JsonSerializer.Deserialize(state, Alpha2Json.Default.MintRecheck) : null));
        }

        return new RecheckClaim(claimed, (long)result[0], (int)result[1] == 1);
    }

    /// <summary>
    /// Replaces the row if it is still <paramref name="expected"/>, then schedules its next check at <paramref name="next"/>
    /// (unix s; null: the schedule is done). A row no longer in the feed leaves the schedule.
    /// </summary>
    public async Task<RecheckWrite> WriteAsync(string mint, byte[] expected, MintRow row, long? next)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Write, new
        {
            rows = (RedisKey)RedisKeys.MintRows,
            order = (RedisKey)RedisKeys.MintOrder,
            due = (RedisKey)RedisKeys.MintRecheckDue,
            state = (RedisKey)RedisKeys.MintRecheckState,
            latest = (RedisKey)QueueKeys.Latest(QueueNames.HeliusMints),
            latestChannel = QueueKeys.LatestChangedChannel,
            queue = QueueNames.HeliusMints,
            mint,
            expected,
            row = JsonSerializer.SerializeToUtf8Bytes(row, Alpha2Json.Default.MintRow),
            next = next?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });
        return (RecheckWrite)(int)result;
    }

    /// <summary>Takes a mint out of the schedule (its state is missing, so it cannot be re-checked).</summary>
    public async Task ForgetAsync(string mint)
    {
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        _ = transaction.SortedSetRemoveAsync(RedisKeys.MintRecheckDue, mint);
        _ = transaction.HashDeleteAsync(RedisKeys.MintRecheckState, mint);
        await transaction.ExecuteAsync();
    }
}
