using System.Globalization;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Queue.Consumer;
using Alpha2.Solana;
using Alpha2.Worker.Providers.Helius;
using Alpha2.Worker.Providers.RugCheck;
using Alpha2.Worker.Providers.TokenMetadata;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// A create turned into a feed row: DAS for authorities and the metadata address, the metadata for the twitter link,
/// RugCheck for dangers, the top holders for concentration and the dev's share. Helius data is required (its failure
/// retries the job); RugCheck and the metadata host are best effort: without them the row says why it is not safe.
/// </summary>
internal sealed class MintEnricher(HeliusRpc rpc, HolderScanner holders, TokenMetadata metadata, RugCheckClient rugCheck, IOptions<HeliusMintsOptions> options)
{
    public async Task<MintRow> EnrichAsync(MintCreated created, CancellationToken cancellationToken)
    {
        var asset = await rpc.GetAssetAsync(created.Mint, cancellationToken);
        var scan = (await holders.ScanAsync([created.Mint], cancellationToken))[created.Mint];
        var dangers = await BestEffortAsync<IReadOnlyList<string>>(async () => await rugCheck.DangersAsync(created.Mint, cancellationToken));
        var twitter = await BestEffortAsync(() => metadata.TwitterAsync(asset?.Content?.JsonUri is { Length: > 0 } uri ? uri : created.Uri, cancellationToken));

        var supply = Supply(asset);
        var top10 = supply is > 0 ? Math.Round(scan.Wallets.Take(10).Sum(h => h.Tokens) / supply.Value * 100, 1) : (decimal?)null;
        var devTokens = scan.Wallets.Where(h => h.Owner == created.Creator || h.Owner == created.User).Sum(h => h.Tokens);
        var dev = supply is > 0 ? Math.Round(devTokens / supply.Value * 100, 1) : (decimal?)null;
        var reasons = SafetyRules.Reasons(
            new SafetyInputs(asset?.TokenInfo is not null, asset?.TokenInfo?.MintAuthority, asset?.TokenInfo?.FreezeAuthority, dangers.Value, top10, dev),
            options.Value);
        if (dangers.Problem is { } rugCheckProblem)
        {
            reasons = [.. reasons, $"RugCheck: {rugCheckProblem}"];
        }

        var symbol = created.Symbol.Length > 0 ? created.Symbol : asset?.Content?.Metadata?.Symbol ?? asset?.TokenInfo?.Symbol ?? "";
        return new MintRow(
            Name: "$" + symbol,
            Mint: created.Mint,
            Team: IsDoxxed(created) ? "doxxed" : "anon",
            Original: true,
            Safe: reasons.Count == 0,
            HasTw: twitter.Value is not null,
            Sol: Math.Round(PumpCurve.InitialBuySol(created.DevTokens), 2),
            Ts: DateTimeOffset.FromUnixTimeSeconds(created.BlockTime).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            Symbol: symbol,
            SafeReasons: reasons,
            DevPct: dev,
            Top10Pct: top10,
            Creator: created.Creator);
    }

    /// <summary>docs/domain.md §2.4: "doxxed" only with curated evidence, here an operator's allowlist of mints and creators.</summary>
    private bool IsDoxxed(MintCreated created) =>
        options.Value.DoxxedAllowlist.Contains(created.Mint) || options.Value.DoxxedAllowlist.Contains(created.Creator);

    private static decimal? Supply(DasAsset? asset) =>
        asset?.TokenInfo is { Supply: > 0 and var supply, Decimals: >= 0 and <= 18 and var decimals } ? supply / (decimal)Math.Pow(10, decimals) : null;

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
