using StackExchange.Redis;

namespace Alpha2.Worker.Jobs;

/// <summary>
/// Fetching without a round trip of its own per job: jobs are moved into this worker's processing list and claimed in
/// the same script, either right behind the BLMOVE of the fetch loop, or as the tail of the finish of the job before
/// (BullMQ's moveToFinished does the same). Both return {raw, id, attempts, token} per job fetched; id is "" for a job
/// moved but not claimed, whose JSON the caller reads itself.
/// </summary>
internal static class FetchScripts
{
    // claim(source, max) moves up to max jobs from source into the processing list, claims each and appends it to the
    // script's `fetched`. Claims only JSON that starts with an id of this queue, as the API writes it; anything else
    // is read in C#.
    private const string ClaimFunction = """
        local function claim(source, max)
          for _ = 1, max do
            local raw = redis.call('LMOVE', source, @processing, 'RIGHT', 'LEFT')
            if not raw then return end
            local id = string.match(raw, '^{"id":"([^"\\]+)"')
            local attempts, token = 0, 0
            if id and string.sub(id, 1, #@queuePrefix) == @queuePrefix and not string.find(id, ':', #@queuePrefix + 1, true) then
              local job = @jobPrefix .. id
              attempts = redis.call('HINCRBY', job, 'attempts', 1)
              token = redis.call('HINCRBY', job, 'token', 1)
              redis.call('HSET', job, 'worker', @worker, 'started_at', @now)
              redis.call('PERSIST', job)
              redis.call('HSET', @status, id, 'processing')
            else
              id = ''
            end
            table.insert(fetched, raw)
            table.insert(fetched, id)
            table.insert(fetched, attempts)
            table.insert(fetched, token)
          end
        end
        """;

    /// <summary>
    /// Queued behind the fetch loop's BLMOVE of @jobs into @landing: claims the job that landed (none when the BLMOVE
    /// timed out), then up to @more further queued jobs for the loop's other free slots.
    /// </summary>
    public static readonly LuaScript ClaimLanded = LuaScript.Prepare($$"""
        local fetched = {}
        {{ClaimFunction}}
        claim(@landing, 1)
        claim(@jobs, tonumber(@more))
        return fetched
        """);

    /// <summary>
    /// <see cref="JobScripts.Finish"/>, then moves and claims up to @max jobs for the slot it freed. Returns
    /// {finished (1, or 0 when the claim was lost), then the jobs fetched}.
    /// </summary>
    public static readonly LuaScript FinishAndClaimNext = LuaScript.Prepare($$"""
        local function finish()
        {{JobScripts.FinishBody}}
        end
        local fetched = {finish()}
        {{ClaimFunction}}
        claim(@jobs, tonumber(@max))
        return fetched
        """);
}
