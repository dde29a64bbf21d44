using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alpha2.Queue;

namespace Alpha2.Api.Infrastructure;

internal static class Enqueue
{
    /// <summary>Queues <paramref name="payload"/> on <paramref name="queue"/> and answers 202 <c>{"jobId"}</c>.</summary>
    public static async Task<JobAcceptedResult> AcceptAsync<T>(
        JobQueue jobs, string queue, T payload, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, JobShare? share = null)
    {
        var jobId = await jobs.EnqueueAsync(queue, JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo), cancellationToken, share);
        return new JobAcceptedResult(jobId);
    }
}
