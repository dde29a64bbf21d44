using Alpha2.Queue.Consumer;
using Alpha2.Worker.Providers.Helius;
using Alpha2.Worker.Providers.RugCheck;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>The outcome of one safety check: the DAS asset it read, the reasons (empty = safe) and the shares it measured.</summary>
internal sealed record SafetyResult(DasAsset? Asset, IReadOnlyList<string> Reasons, decimal? DevPercent, decimal? Top10Percent)
{
    public bool Safe => Reasons.Count == 0;
}

/// <summary>
/// The data behind <c>safe</c> read afresh and judged by <see cref="SafetyRules"/>: DAS for authorities and supply, the top
/// holders for concentration and the dev's share, RugCheck for dangers. Ingestion and every re-check run this, so both
/// reach a verdict the same way (docs/domain.md §2.1). Helius failures throw (the caller retries); RugCheck is best effort.
/// Costs 12 Helius credits: getAsset 10, the holder scan 2 (docs/providers.md §1.0).
/// </summary>
internal sealed class SafetyCheck(HeliusRpc rpc, HolderScanner holders, RugCheckClient rugCheck, IOptions<HeliusMintsOptions> options)
{
    /// <summary>Helius credits one check books (docs/providers.md §1.0); the re-check budget counts in these.</summary>
    public const int Credits = 12;

    /// <summary>Checks <paramref name="mint"/>; <paramref name="devWallets"/> are the creator and the create's signer.</summary>
    public async Task<SafetyResult> RunAsync(string mint, IReadOnlyCollection<string> devWallets, CancellationToken cancellationToken)
    {
        var asset = await rpc.GetAssetAsync(mint, cancellationToken);
        var scan = (await holders.ScanAsync([mint], cancellationToken))[mint];
        var (dangers, problem) = await RugCheckAsync(mint, cancellationToken);

        var supply = Supply(asset);
        var top10 = supply is > 0 ? Math.Round(scan.Wallets.Take(10).Sum(h => h.Tokens) / supply.Value * 100, 1) : (decimal?)null;
        var devTokens = scan.Wallets.Where(h => devWallets.Contains(h.Owner)).Sum(h => h.Tokens);
        var dev = supply is > 0 ? Math.Round(devTokens / supply.Value * 100, 1) : (decimal?)null;
        var reasons = SafetyRules.Reasons(
            new SafetyInputs(asset?.TokenInfo is not null, asset?.TokenInfo?.MintAuthority, asset?.TokenInfo?.FreezeAuthority, dangers, top10, dev),
            options.Value);
        if (problem is not null)
        {
            reasons = [.. reasons, $"RugCheck: {problem}"];
        }

        return new SafetyResult(asset, reasons, dev, top10);
    }

    private static decimal? Supply(DasAsset? asset) =>
        asset?.TokenInfo is { Supply: > 0 and var supply, Decimals: >= 0 and <= 18 and var decimals } ? supply / (decimal)Math.Pow(10, decimals) : null;

    private async Task<(IReadOnlyList<string>? Dangers, string? Problem)> RugCheckAsync(string mint, CancellationToken cancellationToken)
    {
        try
        {
            return (await rugCheck.DangersAsync(mint, cancellationToken), null);
        }
        catch (JobFailedException failure)
        {
            return (null, failure.Message);
        }
    }
}
