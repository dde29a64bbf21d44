using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Solana;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>Queues a decoded create for ingestion, once per signature however often and from wherever it arrives.</summary>
internal sealed class MintCreateQueue(JobQueue jobs)
{
    public Task<string> EnqueueAsync(PumpFunCreate c, CancellationToken cancellationToken) =>
        jobs.EnqueueAsync(
            QueueNames.HeliusMints,
            JsonSerializer.SerializeToUtf8Bytes(
                new MintCreated(c.Signature, c.Mint, c.Name, c.Symbol, c.Uri, c.Creator, c.User, c.BondingCurve, c.DevTokens, c.BlockTime, c.Slot),
                Alpha2Json.Default.MintCreated),
            cancellationToken,
            new JobShare(RedisKeys.MintCreateShare(c.Signature), MintCreated.RepeatWindow));
}
