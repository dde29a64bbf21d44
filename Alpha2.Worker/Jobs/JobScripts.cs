using StackExchange.Redis;

namespace Alpha2.Worker.Jobs;

/// <summary>
/// Every queue transition that touches more than one key, each one Lua script so a job is never half-moved.
/// Completion, failure, retry and requeue check the claim's fencing token: a worker that was presumed dead
/// and comes back cannot overwrite the outcome of the claim that replaced it.
/// </summary>
internal static class JobScripts
{
    /// <summary>Counts the attempt, issues a new fencing token, marks the job processing. Returns {attempts, token}.</summary>
    public static readonly LuaScript Claim = LuaScript.Prepare("""
        local attempts = redis.call('HINCRBY', @job, 'attempts', 1)
        local token = redis.call('HINCRBY', @job, 'token', 1)
        redis.call('HSET', @job, 'worker', @worker, 'started_at', @now)
        redis.call('PERSIST', @job)
        redis.call('HSET', @status, @id, 'processing')
        return {attempts, token}
        """);

    /// <summary>Finishes a claim as done or failed, stores its result or error, and announces it. 0 when the claim was lost.</summary>
    public static readonly LuaScript Finish = LuaScript.Prepare(FinishBody);

    /// <summary>The body of <see cref="Finish"/>, also the first half of <see cref="FetchScripts.FinishAndClaimNext"/>.</summary>
    internal const string FinishBody = """
        redis.call('LREM', @processing, 1, @raw)
        if redis.call('HGET', @job, 'token') ~= @token then return 0 end
        if @outcome == 'done' then
          if @summary ~= '' then
            redis.call('HSET', @job, 'finished_at', @now, 'result', @payload, 'summary', @summary)
          else
            redis.call('HSET', @job, 'finished_at', @now, 'result', @payload)
          end
          redis.call('HDEL', @job, 'error')
          if @isLatest == '1' then
            redis.call('SET', @latest, @payload, 'EX', @retention)
            redis.call('PUBLISH', @latestChannel, @queue)
          end
        else
          redis.call('HSET', @job, 'finished_at', @now, 'error', @payload)
          redis.call('LPUSH', @dead, @deadEntry)
          redis.call('LTRIM', @dead, 0, @deadLength - 1)
        end
        redis.call('EXPIRE', @job, @retention)
        redis.call('HSET', @status, @id, @outcome)
        redis.call('ZADD', @finished, @now, @id)
        redis.call('PUBLISH', @channel, @id)
        return 1
        """;

    /// <summary>Parks a claim in the delayed set until its backoff is over. 0 when the claim was lost.</summary>
    public static readonly LuaScript Retry = LuaScript.Prepare("""
        redis.call('LREM', @processing, 1, @raw)
        if redis.call('HGET', @job, 'token') ~= @token then return 0 end
        redis.call('HSET', @job, 'error', @error)
        redis.call('ZADD', @delayed, @dueAt, @raw)
        redis.call('HSET', @status, @id, 'queued')
        return 1
        """);

    /// <summary>
    /// Gives a job back unfinished, next in line: a claim cut off by a graceful stop (its attempt does not count),
    /// or a stray nobody claimed (token "").
    /// </summary>
    public static readonly LuaScript Requeue = LuaScript.Prepare("""
        if redis.call('LREM', @processing, 1, @raw) == 0 then return 0 end
        redis.call('RPUSH', @jobs, @raw)
        if @id ~= '' and redis.call('HGET', @job, 'token') == @token then
          redis.call('HINCRBY', @job, 'attempts', -1)
          redis.call('HSET', @status, @id, 'queued')
        end
        return 1
        """);

    /// <summary>Moves an unreadable job from processing to the dead list, with the reason.</summary>
    public static readonly LuaScript Bury = LuaScript.Prepare("""
        redis.call('LREM', @processing, 1, @raw)
        redis.call('LPUSH', @dead, @deadEntry)
        redis.call('LTRIM', @dead, 0, @deadLength - 1)
        return 1
        """);

    /// <summary>
    /// Returns every job of one of a worker's lists (processing or landing) to the front of the queue: the reaper's,
    /// for a dead worker; a stopping worker's own leftovers; what a failed fetch left landed. Returns how many moved.
    /// </summary>
    public static readonly LuaScript ReturnAll = LuaScript.Prepare("""
        local moved = 0
        while true do
          local raw = redis.call('LMOVE', @held, @jobs, 'RIGHT', 'RIGHT')
          if not raw then break end
          moved = moved + 1
          local ok, job = pcall(cjson.decode, raw)
          if ok and type(job) == 'table' and type(job.id) == 'string' then
            redis.call('HSET', @status, job.id, 'queued')
          end
        end
        return moved
        """);

    /// <summary>Moves retries whose backoff is over back onto the queue. Returns how many moved.</summary>
    public static readonly LuaScript PromoteDue = LuaScript.Prepare("""
        local due = redis.call('ZRANGEBYSCORE', @delayed, '-inf', @now, 'LIMIT', 0, 500)
        for _, raw in ipairs(due) do
          redis.call('ZREM', @delayed, raw)
          redis.call('LPUSH', @jobs, raw)
        end
        return #due
        """);

    /// <summary>
    /// Drops up to @limit statuses of jobs finished before the retention cutoff (the job hashes expire by themselves).
    /// Returns how many it dropped.
    /// </summary>
    public static readonly LuaScript PruneFinished = LuaScript.Prepare("""
        local old = redis.call('ZRANGEBYSCORE', @finished, '-inf', @cutoff, 'LIMIT', 0, @limit)
        if #old > 0 then
          redis.call('HDEL', @status, unpack(old))
          redis.call('ZREM', @finished, unpack(old))
        end
        return #old
        """);
}
