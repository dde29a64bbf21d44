using Alpha2.Contracts.Jobs;
using StackExchange.Redis;

namespace Alpha2.Api.Jobs;

/// <summary>Reads a job's status and stored result, and the latest result of a queue, as the worker wrote them.</summary>
internal sealed class JobReader(IConnectionMultiplexer redis)
{
    private static readonly RedisValue[] Fields = [JobFields.Attempts, JobFields.Result, JobFields.Error, JobFields.FinishedAt, JobFields.Summary];

    public async Task<StoredJob?> FindAsync(string jobId)
    {
        if (QueueNames.OfJob(jobId) is not { } queue)
        {
            return null;
        }

        var batch = redis.GetDatabase().CreateBatch();
        var status = batch.HashGetAsync(RedisKeys.Status(queue), jobId);
        var job = batch.HashGetAsync(RedisKeys.Job(jobId), Fields);
        batch.Execute();
        var statusValue = await status;
        var fields = await job;

        if (statusValue.IsNull)
        {
            return null;
        }

        return new StoredJob(
            jobId,
            queue,
            statusValue.ToString(),
            fields[0].IsNull ? 0 : (int)fields[0],
            fields[1].IsNull ? null : fields[1].ToString(),
            fields[2].IsNull ? null : fields[2].ToString(),
            fields[4].IsNull ? null : fields[4].ToString(),
            fields[3].IsNull ? null : (long)fields[3]);
    }

    /// <summary>The result JSON of the queue's latest finished job, as stored, or null when there is none yet.</summary>
    public async Task<byte[]?> LatestResultAsync(string queue)
    {
        var value = await redis.GetDatabase().StringGetAsync(RedisKeys.Latest(queue));
        return value.IsNull ? null : (byte[]?)value;
    }
}
