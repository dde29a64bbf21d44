using Alpha2.Contracts.Jobs;
using StackExchange.Redis;

namespace Alpha2.Queue;

/// <summary>Reads a job's status and stored result, and the latest result of a queue, as the worker wrote them.</summary>
public sealed class JobReader(IConnectionMultiplexer redis, LatestResults latest)
{
    private static readonly RedisValue[] Fields = [JobFields.Attempts, JobFields.Result, JobFields.Error, JobFields.FinishedAt, JobFields.Summary];

    public async Task<StoredJob?> FindAsync(string jobId)
    {
        if (QueueNames.OfJob(jobId) is not { } queue)
        {
            return null;
        }

        var batch = redis.GetDatabase().CreateBatch();
        var status = batch.HashGetAsync(QueueKeys.Status(queue), jobId);
        var job = batch.HashGetAsync(QueueKeys.Job(jobId), Fields);
        batch.Execute();
        var statusValue = await status;
        var fields = await job;

        if (statusValue.IsNull)
        {
            return null;
        }

        var finishedAt = fields[3].IsNull ? (long?)null : (long)fields[3];
        if (finishedAt is { } finished)
        {
            // Whoever saw this job finish reads the queue's latest result next: never from a copy older than the finish.
            latest.JobFinished(queue, DateTimeOffset.FromUnixTimeMilliseconds(finished));
        }

        return new StoredJob(
            jobId,
            queue,
            statusValue.ToString(),
            fields[0].IsNull ? 0 : (int)fields[0],
            fields[1].IsNull ? null : fields[1].ToString(),
            fields[2].IsNull ? null : fields[2].ToString(),
            fields[4].IsNull ? null : fields[4].ToString(),
            finishedAt);
    }

    /// <summary>The result JSON of the queue's latest finished job, as stored (through <see cref="LatestResults"/>), or null when there is none yet.</summary>
    public Task<byte[]?> LatestResultAsync(string queue) => latest.GetAsync(queue);
}
