using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha2.Worker.Providers.Birdeye;

internal sealed record BirdeyeEnvelope<T>(bool Success, T? Data, string? Message);

internal sealed record BirdeyeSearchData(BirdeyeSearchGroup[]? Items);

internal sealed record BirdeyeSearchGroup(string? Type, BirdeyeSearchToken[]? Result);

/// <summary>Search results are snake_case, unlike token_overview.</summary>
internal sealed record BirdeyeSearchToken(
    string? Name,
    string? Symbol,
    string? Address,
    string? Network,
    decimal? Liquidity,
    [property: JsonPropertyName("volume_24h_usd")] decimal? Volume24hUsd,
    [property: JsonPropertyName("market_cap")] decimal? MarketCap,
    decimal? Price,
    bool? Verified);

/// <summary>A trimmed token_overview; <c>extensions</c> is null for fresh tokens.</summary>
internal sealed record BirdeyeTokenOverview(
    string? Address,
    string? Symbol,
    string? Name,
    decimal? Price,
    decimal? Liquidity,
    decimal? MarketCap,
    BirdeyeExtensions? Extensions);

internal sealed record BirdeyeExtensions(string? Website, string? Telegram, string? Twitter, string? Description);

/// <summary>Price in USD, and in the quote's units when asked; Birdeye sends more fields than kept here.</summary>
internal sealed record BirdeyePrice(decimal? Value, long? UpdateUnixTime, decimal? Liquidity);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BirdeyeEnvelope<BirdeyeSearchData>))]
[JsonSerializable(typeof(BirdeyeEnvelope<BirdeyeTokenOverview>))]
[JsonSerializable(typeof(BirdeyeEnvelope<BirdeyePrice>))]
[JsonSerializable(typeof(BirdeyeEnvelope<JsonElement>))]
internal sealed partial class BirdeyeJson : JsonSerializerContext;
