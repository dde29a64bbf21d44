using Alpha2.Contracts.HeliusMints;
using Alpha2.Queue.Consumer;
using Alpha2.Solana;
using Alpha2.Worker.Providers.TokenMetadata;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// A create turned into a feed row: DAS for authorities and the metadata address, the metadata for the twitter link,
/// RugCheck for dangers, the top holders for concentration and the dev's share. Helius data is required (its failure
/// retries the job); RugCheck and the metadata host are best effort: without them the row says why it is not safe.
/// </summary>
internal sealed class MintEnricher(SafetyCheck safety, TokenMetadata metadata, IOptions<HeliusMintsOptions> options, TimeProvider clock)
{
    public async Task<MintRow> EnrichAsync(MintCreated created, CancellationToken cancellationToken)
    {
        var check = await safety.RunAsync(created.Mint, [created.Creator, created.User], cancellationToken);
        var asset = check.Asset;
        var twitter = await BestEffortAsync(() => metadata.TwitterAsync(asset?.Content?.JsonUri is { Length: > 0 } uri ? uri : created.Uri, cancellationToken));

        // Ingestion is the first check: it opens safe_history and sets checked_at (docs/domain.md §2.1.1).
        var checkedAt = MintTime.Format(clock.GetUtcNow());
        var symbol = created.Symbol.Length > 0 ? created.Symbol : asset?.Content?.Metadata?.Symbol ?? asset?.TokenInfo?.Symbol ?? "";
        return new MintRow(
            Name: "$" + symbol,
            Mint: created.Mint,
            Team: IsDoxxed(created) ? "doxxed" : "anon",
            Original: true,
            Safe: check.Safe,
            HasTw: twitter.Value is not null,
            Sol: Math.Round(PumpCurve.InitialBuySol(created.DevTokens), 2),
            Ts: MintTime.Format(DateTimeOffset.FromUnixTimeSeconds(created.BlockTime)),
            Symbol: symbol,
            SafeReasons: check.Reasons,
            DevPct: check.DevPercent,
            Top10Pct: check.Top10Percent,
            Creator: created.Creator,
            CheckedAt: checkedAt,
            SafeHistory: [new SafetyVerdict(checkedAt, check.Safe, check.Reasons)]);
    }

    /// <summary>docs/domain.md §2.4: "doxxed" only with curated evidence, here an operator's allowlist of mints and creators.</summary>
    private bool IsDoxxed(MintCreated created) =>
        options.Value.DoxxedAllowlist.Contains(created.Mint) || options.Value.DoxxedAllowlist.Contains(created.Creator);

    private static async Task<(T? Value, string? Problem)> BestEffortAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        try
        {
            return (await read(), null);
        }
        catch (JobFailedException failure)
        {
            return (null, failure.Message);
        }
    }
}
