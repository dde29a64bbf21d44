using System.Text.Json;
using Refit;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>
/// Helius JSON-RPC and DAS (docs/providers.md §1.a, §1.b): POST to the root with the key in the query. Method errors come
/// back inside HTTP 200 as <c>{"error":{code,message}}</c>; a batch answers an array matched by id, in any order.
/// </summary>
internal interface IHeliusRpcApi
{
    [Post("/")]
    Task<JsonElement> CallAsync([Body] JsonRpcRequest request, [Query, AliasAs("api-key")] string apiKey, CancellationToken cancellationToken);

    [Post("/")]
    Task<JsonElement> BatchAsync([Body] JsonRpcRequest[] requests, [Query, AliasAs("api-key")] string apiKey, CancellationToken cancellationToken);
}
