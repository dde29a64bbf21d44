using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.ServiceDefaults.Jobs;

namespace Alpha2.ServiceDefaults.HeliusMints;

/// <summary>
/// Queues a create for ingestion, once per signature however often it arrives (poller pages overlap, Helius retries
/// webhooks): the enqueue script hands a repeat the job already queued for that signature.
/// </summary>
public static class MintCreatedQueue
{
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(1);

    public static Task<string> EnqueueAsync(this JobQueue jobs, MintCreated created, CancellationToken cancellationToken) =>
        jobs.EnqueueAsync(
            QueueNames.HeliusMints,
            JsonSerializer.SerializeToUtf8Bytes(created, Alpha2Json.Default.MintCreated),
            cancellationToken,
            new JobShare(RedisKeys.MintCreateShare(created.Signature), RepeatWindow));
}
