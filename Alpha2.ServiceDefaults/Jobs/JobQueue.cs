using System.Diagnostics;
using System.Text;
using Alpha2.Contracts.Jobs;
using StackExchange.Redis;

namespace Alpha2.ServiceDefaults.Jobs;

/// <summary>
/// Enqueues as the seed's main.py does (<c>LPUSH &lt;queue&gt;:jobs {"id":…, payload…}</c> and
/// <c>HSET &lt;queue&gt;:status id queued</c>), but atomically in one round trip and with ids that stay unique
/// when many jobs arrive in one millisecond (<c>&lt;queue&gt;:&lt;unix-ms&gt;-&lt;n&gt;</c>).
/// </summary>
public sealed class JobQueue(IConnectionMultiplexer redis, TimeProvider clock)
{
    // A script blocks Redis while it runs: however many enqueues wait, each call carries at most this many.
    private const int MaxJobsPerCall = 64;

    // Enqueues a group of jobs in one call (each on its own: one failing does not stop the rest). Per job, 4 keys
    // (sequence, status, jobs, share) and 3 values (shareSeconds, baseId, payload); returns each id, or its error
    // after a "-" as RESP writes errors (no id starts with one; a nested error reply would fail the whole call).
    // The per-millisecond counter makes ids unique across API replicas; HSETNX guards against skewed clocks.
    private const string EnqueueScript = """
        local function enqueue(sequence, status, jobs, share, shareSeconds, baseId, payload)
          if shareSeconds ~= '0' then
            local shared = redis.call('GET', share)
            if shared then
              local state = redis.call('HGET', status, shared)
              if state and state ~= 'failed' then return shared end
            end
          end
          local n = redis.call('INCR', sequence)
          if n == 1 then redis.call('PEXPIRE', sequence, 2000) end
          local id = baseId
          if n > 1 then id = baseId .. '-' .. (n - 1) end
          while redis.call('HSETNX', status, id, 'queued') == 0 do
            n = n + 1
            id = baseId .. '-' .. (n - 1)
          end
          local job = '{"id":"' .. id .. '"}'
          if payload ~= '{}' then job = '{"id":"' .. id .. '",' .. string.sub(payload, 2) end
          redis.call('LPUSH', jobs, job)
          if shareSeconds ~= '0' then redis.call('SET', share, id, 'EX', shareSeconds) end
          return id
        end
        local ids = {}
        for i = 0, #KEYS / 4 - 1 do
          local ok, id = pcall(enqueue, KEYS[4*i+1], KEYS[4*i+2], KEYS[4*i+3], KEYS[4*i+4], ARGV[3*i+1], ARGV[3*i+2], ARGV[3*i+3])
          if ok then
            ids[i + 1] = id
          else
            ids[i + 1] = '-' .. (type(id) == 'table' and id.err or tostring(id))
          end
        end
        return ids
        """;

    // Concurrent enqueues share one script call (up to MaxJobsPerCall jobs each): Redis reads, looks up and answers
    // one call per group instead of one per job.
    private readonly GroupCommit<Enqueueing, string> _enqueues = new(group =>
    {
        var batch = redis.GetDatabase().CreateBatch();
        var ids = new Task<string>[group.Count];
        for (var first = 0; first < group.Count; first += MaxJobsPerCall)
        {
            var call = group.GetRange(first, Math.Min(MaxJobsPerCall, group.Count - first));
            var keys = call.SelectMany(job => job.Keys).ToArray();
            var values = call.SelectMany(job => job.Values).ToArray();
            OneIdEach(batch.ScriptEvaluateAsync(EnqueueScript, keys, values), call.Count).CopyTo(ids, first);
        }

        batch.Execute();
        return ids;
    });

    /// <summary>
    /// Queues <paramref name="payloadJson"/> (a JSON object) and returns the new job id. With a <paramref name="share"/>,
    /// the same work asked again within its window gets the job already queued, running or done (single flight and
    /// cache in one), unless that job failed.
    /// </summary>
    public Task<string> EnqueueAsync(string queue, byte[] payloadJson, CancellationToken cancellationToken, JobShare? share = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var unixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return _enqueues.SendAsync(new Enqueueing(
            Keys:
            [
                RedisKeys.IdSequence(queue, unixMs),
                RedisKeys.Status(queue),
                RedisKeys.Jobs(queue),
                // Lua scripts declare every key they may touch; without a share the script never reads this one.
                share?.Key ?? RedisKeys.Jobs(queue),
            ],
            Values: [share is null ? 0 : (long)share.Window.TotalSeconds, $"{queue}:{unixMs}", WithTraceContext(payloadJson)]));
    }

    /// <summary>One task per job of a script call, all completed by a single continuation when its reply arrives.</summary>
    private static Task<string>[] OneIdEach(Task<RedisResult> reply, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => new TaskCompletionSource<string>()).ToArray();
        reply.ContinueWith(
            done =>
            {
                // Every job's task ends, whatever the reply holds: a caller must never wait on one left unset.
                for (var i = 0; i < count; i++)
                {
                    string id;
                    try
                    {
                        id = IdAt(done, i);
                    }
                    catch (Exception exception)
                    {
                        ids[i].SetException(exception);
                        continue;
                    }

                    ids[i].SetResult(id);
                }
            },
            TaskContinuationOptions.ExecuteSynchronously);
        return Array.ConvertAll(ids, id => id.Task);
    }

    /// <summary>Job <paramref name="index"/>'s id from its script call's reply; the call's failure or the job's error as an exception.</summary>
    private static string IdAt(Task<RedisResult> reply, int index)
    {
        var id = (string?)reply.GetAwaiter().GetResult()[index];
        return id is { Length: > 0 } && id[0] != '-'
            ? id
            : throw new RedisServerException(RedisErrorKind.Unknown, CommandFlags.None, id?[1..] ?? "The enqueue script returned no id.");
    }

    private sealed record Enqueueing(RedisKey[] Keys, RedisValue[] Values);

    /// <summary>Adds <c>traceparent</c> to the payload so the worker continues this request's trace.</summary>
    private static RedisValue WithTraceContext(byte[] payloadJson)
    {
        if (Activity.Current?.Id is not { } traceparent || Activity.Current.IdFormat != ActivityIdFormat.W3C)
        {
            return payloadJson;
        }

        var field = Encoding.UTF8.GetBytes($"{{\"traceparent\":\"{traceparent}\"");
        var isEmpty = payloadJson.Length == 2;
        var joined = new byte[field.Length + (isEmpty ? 1 : payloadJson.Length)];
        field.CopyTo(joined, 0);
        if (isEmpty)
        {
            joined[^1] = (byte)'}';
        }
        else
        {
            joined[field.Length] = (byte)',';
            payloadJson.AsSpan(1).CopyTo(joined.AsSpan(field.Length + 1));
        }

        return joined;
    }
}
