using System.Diagnostics;
using System.Text;
using Alpha2.Contracts;
using Alpha2.Queue.Scripts;
using StackExchange.Redis;

namespace Alpha2.Queue;

/// <summary>
/// Enqueues as the seed's main.py does (<c>LPUSH &lt;queue&gt;:jobs {"id":…, payload…}</c> and
/// <c>HSET &lt;queue&gt;:status id queued</c>), but atomically in one round trip and with ids that stay unique
/// when many jobs arrive in one millisecond (<c>&lt;queue&gt;:&lt;unix-ms&gt;-&lt;n&gt;</c>). With a
/// <see cref="EnqueueDurability"/>, an enqueue completes only once Redis's replicas hold it (docs/scaling.md).
/// </summary>
public sealed class JobQueue(IConnectionMultiplexer redis, TimeProvider clock, EnqueueDurability? durability = null)
{
    // A script blocks Redis while it runs: however many enqueues wait, each call carries at most this many.
    private const int MaxJobsPerCall = 64;

    // Concurrent enqueues share one script call (up to MaxJobsPerCall jobs each): Redis reads, looks up and answers
    // one call per group instead of one per job.
    private readonly GroupCommit<Enqueueing, string> _enqueues = new(group =>
    {
        var batch = redis.GetDatabase().CreateBatch();
        var ids = new Task<string>[group.Count];
        foreach (var slot in BySlot(group))
        {
            for (var first = 0; first < slot.Count; first += MaxJobsPerCall)
            {
                var call = slot.GetRange(first, Math.Min(MaxJobsPerCall, slot.Count - first));
                var keys = call.SelectMany(job => job.Value.Keys).ToArray();
                var values = call.SelectMany(job => job.Value.Values).ToArray();
                var replies = OneIdEach(batch.ScriptEvaluateAsync(QueueScripts.Enqueue, keys, values), call.Count);
                for (var i = 0; i < call.Count; i++)
                {
                    ids[call[i].Index] = replies[i];
                }
            }
        }

        if (durability is { MinReplicas: > 0 } durable)
        {
            // WAIT blocks this connection until the writes before it reached the replicas: one per group, behind its scripts.
            var replicated = ConfirmReplicatedAsync(
                redis, ids, batch.ExecuteAsync("WAIT", durable.MinReplicas, (long)durable.Timeout.TotalMilliseconds), group, durable);
            ids = Array.ConvertAll(ids, id => AfterAsync(id, replicated));
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
        var send = ProducerTelemetry.StartSend(queue);
        var enqueue = _enqueues.SendAsync(new Enqueueing(
            queue,
            Keys:
            [
                QueueKeys.IdSequence(queue, unixMs),
                QueueKeys.Status(queue),
                QueueKeys.Jobs(queue),
                // Lua scripts declare every key they may touch; without a share the script never reads this one.
                share?.Key ?? QueueKeys.Jobs(queue),
            ],
            Values: [share is null ? 0 : (long)share.Window.TotalSeconds, $"{queue}:{unixMs}", WithTraceContext(payloadJson, send ?? Activity.Current)]));
        return send is null ? enqueue : ProducerTelemetry.EndSendAsync(send, enqueue);
    }

    /// <summary>
    /// Completes when the group's <c>WAIT</c> says enough replicas hold it; otherwise withdraws the group's jobs that still
    /// wait in their queues and throws <see cref="EnqueueNotReplicatedException"/>, so none is acknowledged.
    /// </summary>
    private static async Task ConfirmReplicatedAsync(IConnectionMultiplexer redis, Task<string>[] ids, Task<RedisResult> wait, List<Enqueueing> group, EnqueueDurability durable)
    {
        var replicas = (long)await wait;
        if (replicas >= durable.MinReplicas)
        {
            return;
        }

        // Each id task ends, landed or failed (OneIdEach), but its continuation may still be on its way: wait for all of
        // them, or a job that did land could be left queued after the caller was told it was not.
        await Task.WhenAll(ids.AsEnumerable<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var keys = new List<RedisKey>();
        var values = new List<RedisValue>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i].IsCompletedSuccessfully)
            {
                var job = group[i];
                keys.AddRange([QueueKeys.Status(job.Queue), QueueKeys.Jobs(job.Queue), job.Share]);
                values.AddRange([ids[i].Result, job.Payload, job.ShareSeconds]);
            }
        }

        if (keys.Count > 0)
        {
            await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.Withdraw, [.. keys], [.. values]);
        }

        throw new EnqueueNotReplicatedException(replicas, durable);
    }

    private static async Task<string> AfterAsync(Task<string> id, Task confirmed)
    {
        var value = await id;
        await confirmed;
        return value;
    }

    /// <summary>
    /// The group's jobs (with their places in it) in runs whose keys share a slot: the whole group in spec mode; in
    /// cluster mode one run per queue, since a cluster refuses a script whose keys hash to different slots and all of a
    /// queue's keys carry its tag (docs/queue-protocol.md).
    /// </summary>
    private static IEnumerable<List<(int Index, Enqueueing Value)>> BySlot(List<Enqueueing> group)
    {
        var indexed = group.Select((job, index) => (Index: index, Value: job));
        return KeyScheme.Mode == RedisKeyMode.Cluster
            ? indexed.GroupBy(job => job.Value.Queue, StringComparer.Ordinal).Select(run => run.ToList())
            : [indexed.ToList()];
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

    /// <summary>One job's arguments to enqueue.lua, in its per-job order: keys (sequence, status, jobs, share), values
    /// (shareSeconds, baseId, payload); named for the withdrawal, which takes the same job back.</summary>
    private sealed record Enqueueing(string Queue, RedisKey[] Keys, RedisValue[] Values)
    {
        public RedisKey Share => Keys[3];

        public RedisValue ShareSeconds => Values[0];

        public RedisValue Payload => Values[2];
    }

    /// <summary>
    /// Adds <c>traceparent</c> to the payload so the worker's span is a child of <paramref name="parent"/>: the send
    /// span, or the caller's own when the send span is not sampled.
    /// </summary>
    private static RedisValue WithTraceContext(byte[] payloadJson, Activity? parent)
    {
        if (parent?.Id is not { } traceparent || parent.IdFormat != ActivityIdFormat.W3C)
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
