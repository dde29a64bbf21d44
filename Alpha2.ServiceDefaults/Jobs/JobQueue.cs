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
    // The per-millisecond counter makes ids unique across API replicas; HSETNX guards against skewed clocks.
    private static readonly LuaScript Enqueue = LuaScript.Prepare("""
        if @shareSeconds ~= '0' then
          local shared = redis.call('GET', @share)
          if shared then
            local status = redis.call('HGET', @status, shared)
            if status and status ~= 'failed' then return shared end
          end
        end
        local n = redis.call('INCR', @sequence)
        if n == 1 then redis.call('PEXPIRE', @sequence, 2000) end
        local id = @baseId
        if n > 1 then id = @baseId .. '-' .. (n - 1) end
        while redis.call('HSETNX', @status, id, 'queued') == 0 do
          n = n + 1
          id = @baseId .. '-' .. (n - 1)
        end
        local job = '{"id":"' .. id .. '"}'
        if @payload ~= '{}' then job = '{"id":"' .. id .. '",' .. string.sub(@payload, 2) end
        redis.call('LPUSH', @jobs, job)
        if @shareSeconds ~= '0' then redis.call('SET', @share, id, 'EX', @shareSeconds) end
        return id
        """);

    // Concurrent enqueues share writes to Redis (each its own script call).
    private readonly GroupCommit<object, RedisResult> _enqueues = new(arguments =>
    {
        var batch = redis.GetDatabase().CreateBatch();
        var replies = arguments.ConvertAll(a => batch.ScriptEvaluateAsync(Enqueue, a));
        batch.Execute();
        return [.. replies];
    });

    /// <summary>
    /// Queues <paramref name="payloadJson"/> (a JSON object) and returns the new job id. With a <paramref name="share"/>,
    /// the same work asked again within its window gets the job already queued, running or done (single flight and
    /// cache in one), unless that job failed.
    /// </summary>
    public async Task<string> EnqueueAsync(string queue, byte[] payloadJson, CancellationToken cancellationToken, JobShare? share = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var unixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await _enqueues.SendAsync(new
        {
            sequence = (RedisKey)RedisKeys.IdSequence(queue, unixMs),
            status = (RedisKey)RedisKeys.Status(queue),
            jobs = (RedisKey)RedisKeys.Jobs(queue),
            baseId = $"{queue}:{unixMs}",
            payload = WithTraceContext(payloadJson),
            // Lua scripts declare every key they may touch; without a share the script never reads this one.
            share = (RedisKey)(share?.Key ?? RedisKeys.Jobs(queue)),
            shareSeconds = share is null ? 0 : (long)share.Window.TotalSeconds,
        });
        return (string)result!;
    }

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
