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

    /// <summary>
    /// getSignaturesForAddress, newest first: the address's signatures after <paramref name="until"/> (exclusive) and
    /// before <paramref name="before"/>, at most <paramref name="limit"/> (the node's cap is 1000).
    /// </summary>
    public async Task<IReadOnlyList<SignatureInfo>> SignaturesAsync(string address, string? until, string? before, int limit, CancellationToken cancellationToken)
    {
        var config = new JsonObject { ["limit"] = limit, ["commitment"] = "confirmed" };
        if (until is not null)
        {
            config["until"] = until;
        }

        if (before is not null)
        {
            config["before"] = before;
        }

        var result = (await SendAsync([JsonRpcRequest.Of("signatures", "getSignaturesForAddress", new JsonArray(address, config))], StandardCredits, cancellationToken))["signatures"];
        return result.ValueKind != JsonValueKind.Array ? [] : result.EnumerateArray()
            .Where(s => s.TryGetProperty("signature", out var v) && v.ValueKind == JsonValueKind.String)
            .Select(s => new SignatureInfo(
                s.GetProperty("signature").GetString()!,
                s.TryGetProperty("slot", out var slot) && slot.TryGetInt64(out var n) ? n : 0,
                s.TryGetProperty("err", out var err) && err.ValueKind != JsonValueKind.Null))
            .ToArray();
    }

    /// <summary>getTransaction of each signature (raw json encoding, versioned transactions too) in one batch; a transaction the node lacks is left out.</summary>
    public async Task<IReadOnlyList<JsonElement>> TransactionsAsync(IReadOnlyList<string> signatures, CancellationToken cancellationToken)
    {
        var requests = signatures.Select((signature, i) => JsonRpcRequest.Of($"tx-{i}", "getTransaction", new JsonArray(
            signature, new JsonObject { ["encoding"] = "json", ["maxSupportedTransactionVersion"] = 0, ["commitment"] = "confirmed" }))).ToArray();
        var results = await SendAsync(requests, StandardCredits, cancellationToken);
        return requests.Select(r => results[r.Id]).Where(t => t.ValueKind == JsonValueKind.Object).Select(t => t.Clone()).ToArray();
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
