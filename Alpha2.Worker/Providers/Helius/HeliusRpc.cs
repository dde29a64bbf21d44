using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>
/// Typed Helius JSON-RPC over <see cref="IHeliusRpcApi"/>: JSON-RPC batches where a call per mint would repeat, method
/// errors inside HTTP 200 turned into readable failures, each item's credits booked (docs/providers.md §1.0: 1 for standard
/// RPC, 10 for DAS; batch items assumed billed one by one), and the plan's requests per second held across replicas.
/// </summary>
internal sealed class HeliusRpc(
    IHeliusRpcApi api, IConfiguration configuration, ProviderMetrics metrics, ProviderRateLimiter limiter, IOptions<HeliusOptions> options)
{
    public const string KeyVariable = "HELIUS_API_KEY";
    private const double StandardCredits = 1;
    private const double DasCredits = 10;

    /// <summary>getAsset with fungible details; null when Helius knows no such asset.</summary>
    public async Task<DasAsset?> GetAssetAsync(string mint, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject { ["id"] = mint, ["displayOptions"] = new JsonObject { ["showFungible"] = true } };
        await limiter.WaitTurnAsync(ProviderNames.Helius + "-das", options.Value.DasPerSecond, cancellationToken);
        var result = (await SendAsync([JsonRpcRequest.Of("asset", "getAsset", parameters)], DasCredits, cancellationToken))["asset"];
        return result.Deserialize(HeliusJson.Default.DasAsset);
    }

    /// <summary>The top 20 token accounts of each mint, in one batch.</summary>
    public async Task<IReadOnlyDictionary<string, TokenAccountBalance[]>> LargestAccountsAsync(IReadOnlyList<string> mints, CancellationToken cancellationToken)
    {
        var requests = mints.Select((mint, i) => JsonRpcRequest.Of(
            $"largest-{i}", "getTokenLargestAccounts", new JsonArray(mint, new JsonObject { ["commitment"] = "confirmed" }))).ToArray();
        var results = await SendAsync(requests, StandardCredits, cancellationToken);
        return mints.Select((mint, i) => (mint, value: results[$"largest-{i}"].Deserialize(HeliusJson.Default.RpcValueTokenAccountBalanceArray)?.Value ?? []))
            .ToDictionary(r => r.mint, r => r.value, StringComparer.Ordinal);
    }

    /// <summary>One getMultipleAccounts (jsonParsed) per group of addresses, all groups in one batch; null entries stay null.</summary>
    public async Task<IReadOnlyList<AccountInfo?[]>> MultipleAccountsAsync(IReadOnlyList<IReadOnlyList<string>> groups, CancellationToken cancellationToken)
    {
        var requests = groups.Select((addresses, i) => JsonRpcRequest.Of(
            $"accounts-{i}", "getMultipleAccounts",
            new JsonArray(new JsonArray([.. addresses.Select(a => JsonValue.Create(a))]), new JsonObject { ["encoding"] = "jsonParsed", ["commitment"] = "confirmed" })))
            .ToArray();
        var results = await SendAsync(requests, StandardCredits, cancellationToken);
        return groups.Select((_, i) => results[$"accounts-{i}"].Deserialize(HeliusJson.Default.RpcValueAccountInfoArray)?.Value ?? []).ToArray();
    }

    private async Task<Dictionary<string, JsonElement>> SendAsync(JsonRpcRequest[] requests, double creditsEach, CancellationToken cancellationToken)
    {
        if (requests.Length == 0)
        {
            return [];
        }

        var key = ProviderFailures.RequireKey(configuration, "Helius", KeyVariable);
        await limiter.WaitTurnAsync(ProviderNames.Helius, options.Value.RpcPerSecond, cancellationToken);
        var answer = await ProviderFailures.CallAsync(
            "Helius",
            KeyVariable,
            () => requests.Length == 1 ? api.CallAsync(requests[0], key, cancellationToken) : api.BatchAsync(requests, key, cancellationToken),
            HeliusErrors.Read,
            cancellationToken);
        metrics.AddCredits(ProviderNames.Helius, creditsEach * requests.Length);
        return HeliusErrors.Results(answer, requests);
    }
}
