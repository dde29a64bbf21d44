using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Alpha2.Worker.Providers.Helius;

internal sealed record JsonRpcRequest(string Jsonrpc, string Id, string Method, JsonNode Params)
{
    public static JsonRpcRequest Of(string id, string method, JsonNode parameters) => new("2.0", id, method, parameters);
}

internal sealed record JsonRpcError(long Code, string? Message);

internal sealed record RpcValue<T>(T? Value);

/// <summary>A trimmed DAS asset; <c>token_info.supply</c> can pass 2^53, so it reads as decimal.</summary>
internal sealed record DasAsset(string? Id, DasContent? Content, [property: JsonPropertyName("token_info")] DasTokenInfo? TokenInfo);

internal sealed record DasContent([property: JsonPropertyName("json_uri")] string? JsonUri, DasMetadata? Metadata);

internal sealed record DasMetadata(string? Name, string? Symbol);

/// <summary>Authorities are absent or null once revoked.</summary>
internal sealed record DasTokenInfo(
    string? Symbol,
    decimal? Supply,
    int? Decimals,
    [property: JsonPropertyName("token_program")] string? TokenProgram,
    [property: JsonPropertyName("mint_authority")] string? MintAuthority,
    [property: JsonPropertyName("freeze_authority")] string? FreezeAuthority);

/// <summary>One of getTokenLargestAccounts' top 20: a token account, not its owner; <c>amount</c> is raw.</summary>
internal sealed record TokenAccountBalance(string Address, string Amount, int Decimals);

/// <summary>
/// One getMultipleAccounts entry: <c>data</c> is <c>{"parsed":…}</c> for token accounts under jsonParsed, and
/// <c>["&lt;base64&gt;","base64"]</c> for accounts the node cannot parse (a bonding curve).
/// </summary>
internal sealed record AccountInfo(JsonElement Data, string? Owner, long? Lamports);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(JsonRpcRequest))]
[JsonSerializable(typeof(JsonRpcRequest[]))]
[JsonSerializable(typeof(JsonRpcError))]
[JsonSerializable(typeof(DasAsset))]
[JsonSerializable(typeof(RpcValue<TokenAccountBalance[]>))]
[JsonSerializable(typeof(RpcValue<AccountInfo?[]>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class HeliusJson : JsonSerializerContext;

/// <summary>One entry of getSignaturesForAddress: the signature, its slot, and whether the transaction failed.</summary>
internal sealed record SignatureInfo(string Signature, long Slot, bool Failed);
