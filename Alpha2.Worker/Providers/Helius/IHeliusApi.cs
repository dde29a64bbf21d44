using System.Text.Json;
using Refit;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>
/// Helius Enhanced Transactions, address history (docs/providers.md §1.c): a bare array newest first, or an object
/// <c>{"error":"Failed to find events … before(-signature) parameter set to &lt;SIG&gt;."}</c> when a scan found nothing.
/// </summary>
internal interface IHeliusApi
{
    [Get("/v0/addresses/{address}/transactions?limit=100&commitment=confirmed")]
    Task<JsonElement> TransactionsAsync(
        string address,
        [AliasAs("before-signature")] string? beforeSignature,
        [Query, AliasAs("api-key")] string apiKey,
        CancellationToken cancellationToken);
}
