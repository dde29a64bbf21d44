using System.Text.Json;
using System.Text.RegularExpressions;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>One page of an address's history: the transactions newest first, or where to continue when a scan found none.</summary>
internal sealed record TransactionPage(IReadOnlyList<JsonElement> Transactions, string? ContinueBefore);

/// <summary>Pages of the Enhanced Transactions API (100 credits each), with its "Failed to find events" answer understood.</summary>
internal sealed partial class HeliusTransactions(
    IHeliusApi api, IConfiguration configuration, ProviderMetrics metrics, ProviderRateLimiter limiter, IOptions<HeliusOptions> options)
{
    public const double EnhancedCredits = 100;

    public async Task<TransactionPage> PageAsync(string address, string? before, CancellationToken cancellationToken)
    {
        var key = ProviderFailures.RequireKey(configuration, "Helius", HeliusRpc.KeyVariable);
        await limiter.WaitTurnAsync(ProviderNames.Helius + "-das", options.Value.DasPerSecond, cancellationToken);
        var answer = await ProviderFailures.CallAsync(
            "Helius", HeliusRpc.KeyVariable, () => api.TransactionsAsync(address, before, key, cancellationToken), HeliusErrors.Read, cancellationToken);
        metrics.AddCredits(ProviderNames.Helius, EnhancedCredits);
        if (answer.ValueKind == JsonValueKind.Array)
        {
            return new TransactionPage(answer.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(t => t.Clone()).ToArray(), null);
        }

        // docs/providers.md §1.c: an object with "error" means "nothing matched in this stretch; continue from <SIG>".
        var error = HeliusErrors.Read(answer.GetRawText()) ?? "";
        return ContinueFrom().Match(error) is { Success: true } match
            ? new TransactionPage([], match.Groups[1].Value)
            : throw new JobFailedException($"Helius answered an error instead of transactions: {error}", transient: true);
    }

    [GeneratedRegex(@"before(?:-signature)? parameter set to ([1-9A-HJ-NP-Za-km-z]{32,100})")]
    private static partial Regex ContinueFrom();
}
