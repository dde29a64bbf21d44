using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Stores;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// Ingests one create into the feed. Idempotent: a mint already in the feed costs no provider call and keeps its row,
/// so a create delivered by both the poller and a webhook, or retried after a crash, is one row.
/// </summary>
internal sealed class HeliusMintsHandler(
    MintEnricher enricher, MintFeed feed, IOptions<HeliusMintsOptions> options, IOptions<SafetyRecheckOptions> rechecks, TimeProvider clock) : IJobHandler
{
    public string Queue => QueueNames.HeliusMints;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var created = Read(job.Json);
        if (await feed.RowAsync(created.Mint) is { } existing)
        {
            return new JobResult(existing, IsLatest: false);
        }

        var row = await enricher.EnrichAsync(created, cancellationToken);
        // The re-check schedule counts from ingestion, the row's first check (docs/domain.md §2.1.1).
        var since = clock.GetUtcNow().ToUnixTimeSeconds();
        var due = rechecks.Value.NextDue(since, since);
        var stored = await feed.AddAsync(
            row, created.BlockTime, SymbolKey.Normalize(row.Symbol ?? ""), TimeSpan.FromDays(options.Value.OriginalWindowDays), options.Value.MaxRows,
            due is null ? null : new MintRecheck(since, created.User), due ?? 0);
        return new JobResult(stored, IsLatest: false);
    }

    private static MintCreated Read(string json)
    {
        try
        {
            if (JsonSerializer.Deserialize(json, Alpha2Json.Default.MintCreated) is { Mint.Length: > 0, Signature.Length: > 0 } created)
            {
                return created;
            }
        }
        catch (JsonException)
        {
        }

        throw new JobFailedException("The job is not a pump.fun create (it needs at least signature and mint).");
    }
}
