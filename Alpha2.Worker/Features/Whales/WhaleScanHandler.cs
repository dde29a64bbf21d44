using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Whales;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Providers.Helius;
using Alpha2.Worker.Stores;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Features.Whales;

/// <summary>
/// A whale scan: each mint's largest holders without the curve, pools, burn address and creator (from our feed or the
/// bonding-curve account), each position valued
/// in SOL (the curve's own price while on the curve, else Birdeye's); a whale holds at least WHALE_MIN_SOL. Result: the
/// top 3 mints that have whales, by whales, then by SOL; summary: what was scanned and what was skipped.
/// </summary>
internal sealed class WhaleScanHandler(
    HolderScanner holders, MintFeed feed, MintIdentities identities, TokenPrices prices, IOptions<WhaleOptions> options) : IJobHandler
{
    public string Queue => QueueNames.Whales;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var mints = ReadMints(job.Json) ?? await feed.LatestMintsAsync(options.Value.DefaultMints);
        var scans = mints.Count == 0 ? new Dictionary<string, MintHolders>() : await holders.ScanAsync(mints, cancellationToken);
        var rows = new List<WhaleRow>();
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scan in scans.Values)
        {
            try
            {
                rows.Add(await RowAsync(scan, cancellationToken));
            }
            catch (JobFailedException failure)
            {
                skipped[scan.Mint] = failure.Message;
            }
        }

        if (mints.Count > 0 && rows.Count == 0)
        {
            throw new JobFailedException($"No mint could be valued: {string.Join("; ", skipped.Values.Distinct())}", transient: true);
        }

        var top3 = rows.Where(r => r.Whales > 0).OrderByDescending(r => r.Whales).ThenByDescending(r => r.SolSum).Take(3).ToArray();
        return new JobResult(
            JsonSerializer.SerializeToUtf8Bytes(top3, Alpha2Json.Default.WhaleRowArray),
            IsLatest: true,
            JsonSerializer.SerializeToUtf8Bytes(new WhaleScanSummary(mints.Count, options.Value.MinSol, skipped), WhalesJson.Default.WhaleScanSummary));
    }

    private async Task<WhaleRow> RowAsync(MintHolders scan, CancellationToken cancellationToken)
    {
        var (symbol, creator) = await identities.ReadAsync(scan.Mint, cancellationToken);
        var solPerToken = scan.Curve is { Complete: false } curve ? curve.SolPerToken : await prices.SolPerTokenAsync(scan.Mint, cancellationToken);
        // The bonding curve names the creator whether or not the mint reached our feed.
        var whales = scan.Wallets
            .Where(h => h.Owner != creator && h.Owner != scan.Curve?.Creator)
            .GroupBy(h => h.Owner, StringComparer.Ordinal)
            .Select(wallet => wallet.Sum(h => h.Tokens) * solPerToken)
            .Where(sol => sol >= options.Value.MinSol)
            .ToArray();
        return new WhaleRow(scan.Mint, "$" + symbol, whales.Length, Math.Round(whales.Sum(), 1));
    }

    /// <summary>The job's mints, distinct; null when it names none (scan the feed's newest).</summary>
    private static string[]? ReadMints(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Alpha2Json.Default.WhaleScanRequest)?.Mints is { Count: > 0 } mints
                ? mints.Distinct(StringComparer.Ordinal).ToArray()
                : null;
        }
        catch (JsonException exception)
        {
            throw new JobFailedException("The job's mints could not be read.", transient: false, exception);
        }
    }
}
