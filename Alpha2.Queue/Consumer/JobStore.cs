using System.Text.Json;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue.Scripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>The worker's side of the queue protocol, on the shared (non-blocking) multiplexer.</summary>
internal sealed class JobStore(IConnectionMultiplexer redis, IOptions<WorkerOptions> options, TimeProvider clock, IEnumerable<IPendingWrites> pendingWrites)
{
    private readonly WorkerOptions _options = options.Value;
    private readonly IPendingWrites[] _pendingWrites = [.. pendingWrites];

    private IDatabase Db => redis.GetDatabase();

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private RedisKey Processing(string queue) => QueueKeys.Processing(queue, _options.WorkerId);

    private RedisKey Landing(string queue) => QueueKeys.Landing(queue, _options.WorkerId);

    public async Task<Claim> ClaimAsync(string queue, string jobId, string raw)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(QueueScripts.Claim, new
        {
            job = (RedisKey)QueueKeys.Job(jobId),
            status = (RedisKey)QueueKeys.Status(queue),
            id = jobId,
            raw,
            worker = _options.WorkerId,
            now = Now,
        }))!;
        return new Claim(queue, jobId, raw, (int)result[0], (long)result[1]);
    }

    /// <summary>
    /// Up to <paramref name="max"/> queued jobs, claimed in one round trip on <paramref name="blocking"/>: its BLMOVE
    /// waits for the first (at once when the queue holds one) and the claim script queued behind it takes the rest.
    /// Empty when nothing came within the block time; null when the queue is paused (nothing was claimed).
    /// </summary>
    public async Task<FetchedJob[]?> WaitAndClaimAsync(BlockingConnection blocking, string queue, int max, CancellationToken cancellationToken)
    {
        var landing = Landing(queue);
        var reply = await blocking.MoveThenAsync(QueueKeys.Jobs(queue), landing, QueueScripts.ClaimLanded, new
        {
            landing,
            jobs = (RedisKey)QueueKeys.Jobs(queue),
            paused = (RedisKey)QueueKeys.Paused(queue),
            more = max - 1,
            processing = Processing(queue),
            status = (RedisKey)QueueKeys.Status(queue),
            jobPrefix = QueueKeys.JobPrefix(queue),
            queuePrefix = queue + ":",
            worker = _options.WorkerId,
            now = Now,
        }, cancellationToken);
        return reply.Resp2Type == ResultType.Integer ? null : ReadFetched(queue, (RedisResult[])reply!, offset: 0);
    }

    /// <summary>Whether <paramref name="queue"/> is paused right now.</summary>
    public Task<bool> IsPausedAsync(string queue) => Db.KeyExistsAsync(QueueKeys.Paused(queue));

    /// <summary>
    /// Completes each claim and, in the same round trip, moves and claims up to its Next queued jobs for the slot it
    /// frees: one script per claim, all sent in one write. Won is false when the claim was lost.
    /// </summary>
    public Task<(bool Won, FetchedJob[] Next)>[] CompleteAndClaimNextAsync(List<(Claim Claim, JobResult Result, int Next)> completions)
    {
        var batch = WithPendingWrites();
        var replies = completions.ConvertAll(c => ReadCompletionAsync(c.Claim, batch.ScriptEvaluateAsync(
            QueueScripts.FinishAndClaimNext,
            FinishArguments(c.Claim, JobStatus.Done, c.Result.Json, c.Result.IsLatest, c.Result.Summary ?? RedisValue.EmptyString, RedisValue.EmptyString, c.Next))));
        batch.Execute();
        return [.. replies];
    }

    /// <summary>Completions that arrive while others are on their way to Redis go out together in one write.</summary>
    public GroupCommit<(Claim Claim, JobResult Result, int Next), (bool Won, FetchedJob[] Next)> GroupCompletions() =>
        new(CompleteAndClaimNextAsync);

    public async Task<bool> CompleteAsync(Claim claim, JobResult result) =>
        (await CompleteAndClaimNextAsync([(claim, result, 0)])[0]).Won;

    public async Task<bool> FailAsync(Claim claim, string error) =>
        (int)await AfterPendingWritesAsync(QueueScripts.Finish, FinishArguments(
            claim, JobStatus.Failed, error, isLatest: false, summary: RedisValue.EmptyString, DeadEntry(claim.JobId, error, claim.Raw), next: 0)) == 1;

    public async Task<bool> RetryAsync(Claim claim, string error, TimeSpan delay) =>
        (int)await AfterPendingWritesAsync(QueueScripts.Retry, new
        {
            processing = Processing(claim.Queue),
            job = (RedisKey)QueueKeys.Job(claim.JobId),
            delayed = (RedisKey)QueueKeys.Delayed(claim.Queue),
            status = (RedisKey)QueueKeys.Status(claim.Queue),
            raw = claim.Raw,
            token = claim.Token,
            error,
            dueAt = Now + (long)delay.TotalMilliseconds,
            id = claim.JobId,
        }) == 1;

    public async Task<bool> RequeueAsync(Claim claim) =>
        (int)await Db.ScriptEvaluateAsync(QueueScripts.Requeue, new
        {
            processing = Processing(claim.Queue),
            jobs = (RedisKey)QueueKeys.Jobs(claim.Queue),
            job = (RedisKey)QueueKeys.Job(claim.JobId),
            status = (RedisKey)QueueKeys.Status(claim.Queue),
            raw = claim.Raw,
            token = claim.Token,
            id = claim.JobId,
        }) == 1;

    /// <summary>The job JSON in this worker's processing list of <paramref name="queue"/>.</summary>
    public Task<RedisValue[]> HeldAsync(string queue) => Db.ListRangeAsync(Processing(queue));

    /// <summary>Returns one unclaimed job from this worker's processing list to the front of the queue.</summary>
    public async Task<bool> ReturnAsync(string queue, string raw) =>
        (int)await Db.ScriptEvaluateAsync(QueueScripts.Requeue, new
        {
            processing = Processing(queue),
            jobs = (RedisKey)QueueKeys.Jobs(queue),
            // Declared, never touched (no id): in the queue's slot, as a cluster routes a script by its keys.
            job = (RedisKey)QueueKeys.JobPrefix(queue),
            status = (RedisKey)QueueKeys.Status(queue),
            raw,
            token = "",
            id = "",
        }) == 1;

    /// <summary>Dead-letters JSON that names no job id; there is no status to set.</summary>
    public Task BuryAsync(string queue, string raw, string error) =>
        Db.ScriptEvaluateAsync(QueueScripts.Bury, new
        {
            processing = Processing(queue),
            dead = (RedisKey)QueueKeys.Dead(queue),
            raw,
            deadEntry = DeadEntry(null, error, raw),
            deadLength = _options.DeadListLength,
        });

    /// <summary>Returns every job in <paramref name="workerId"/>'s landing and processing lists of <paramref name="queue"/> to the queue.</summary>
    public async Task<int> ReturnAllAsync(string queue, string workerId) =>
        await ReturnEveryJobAsync(queue, QueueKeys.Landing(queue, workerId)) + await ReturnEveryJobAsync(queue, QueueKeys.Processing(queue, workerId));

    /// <summary>Returns a job a failed fetch left in this worker's landing list of <paramref name="queue"/>.</summary>
    public Task<int> ReturnLandedAsync(string queue) => ReturnEveryJobAsync(queue, Landing(queue));

    private async Task<int> ReturnEveryJobAsync(string queue, RedisKey held) =>
        (int)await Db.ScriptEvaluateAsync(QueueScripts.ReturnAll, new
        {
            held,
            jobs = (RedisKey)QueueKeys.Jobs(queue),
            status = (RedisKey)QueueKeys.Status(queue),
        });

    /// <summary>A batch that starts with every <see cref="IPendingWrites"/>' writes; the caller adds a job's outcome and executes it.</summary>
    private IBatch WithPendingWrites()
    {
        var batch = Db.CreateBatch();
        foreach (var writes in _pendingWrites)
        {
            writes.MoveTo(batch);
        }

        return batch;
    }

    private Task<RedisResult> AfterPendingWritesAsync(LuaScript script, object arguments)
    {
        var batch = WithPendingWrites();
        var reply = batch.ScriptEvaluateAsync(script, arguments);
        batch.Execute();
        return reply;
    }

    /// <summary>The arguments of <see cref="QueueScripts.Finish"/>, with those of the claims that may follow it.</summary>
    private object FinishArguments(Claim claim, string outcome, RedisValue payload, bool isLatest, RedisValue summary, RedisValue deadEntry, int next) => new
    {
        processing = Processing(claim.Queue),
        job = (RedisKey)QueueKeys.Job(claim.JobId),
        status = (RedisKey)QueueKeys.Status(claim.Queue),
        finished = (RedisKey)QueueKeys.Finished(claim.Queue),
        failed = (RedisKey)QueueKeys.Failed(claim.Queue),
        paused = (RedisKey)QueueKeys.Paused(claim.Queue),
        statsPrefix = QueueKeys.StatsPrefix(claim.Queue),
        statsTtl = (long)QueueKeys.StatsLifetime.TotalSeconds,
        latest = (RedisKey)QueueKeys.Latest(claim.Queue),
        dead = (RedisKey)QueueKeys.Dead(claim.Queue),
        jobs = (RedisKey)QueueKeys.Jobs(claim.Queue),
        channel = QueueKeys.JobFinishedChannel,
        latestChannel = QueueKeys.LatestChangedChannel,
        queue = claim.Queue,
        raw = claim.Raw,
        token = claim.Token,
        id = claim.JobId,
        outcome,
        payload,
        isLatest = isLatest ? "1" : "0",
        summary,
        deadEntry,
        deadLength = _options.DeadListLength,
        now = Now,
        retention = (long)Math.Ceiling(_options.Retention.TotalSeconds),
        jobPrefix = QueueKeys.JobPrefix(claim.Queue),
        queuePrefix = claim.Queue + ":",
        worker = _options.WorkerId,
        max = next,
    };

    private static async Task<(bool Won, FetchedJob[] Next)> ReadCompletionAsync(Claim claim, Task<RedisResult> completion)
    {
        var reply = (RedisResult[])(await completion)!;
        return ((int)reply[0] == 1, ReadFetched(claim.Queue, reply, offset: 1));
    }

    /// <summary>Reads {raw, id, attempts, token} per job from <paramref name="offset"/> on.</summary>
    private static FetchedJob[] ReadFetched(string queue, RedisResult[] result, int offset)
    {
        var fetched = new FetchedJob[(result.Length - offset) / 4];
        for (var i = 0; i < fetched.Length; i++)
        {
            var at = offset + 4 * i;
            var raw = (string)result[at]!;
            var jobId = (string)result[at + 1]!;
            fetched[i] = new FetchedJob(raw, jobId.Length == 0 ? null : new Claim(queue, jobId, raw, (int)result[at + 2], (long)result[at + 3]));
        }

        return fetched;
    }

    private string DeadEntry(string? jobId, string error, string raw)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", jobId);
            writer.WriteString("error", error);
            writer.WriteNumber("failedAt", Now);
            writer.WriteString("job", raw);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>A job this worker holds: the exact JSON in its processing list, the attempt number and the fencing token.</summary>
internal sealed record Claim(string Queue, string JobId, string Raw, int Attempt, long Token);
