using System.Text.Json.Serialization;

namespace Alpha2.Contracts.HeliusMints;

/// <summary>
/// One row of <c>GET /api/helius/mints</c>; <c>ts</c> is the create's block time, UTC, <c>yyyy-MM-dd HH:mm:ss</c>. After
/// the UI's fields come ones that explain its flags: the raw symbol, why the mint is not safe, which mint is the original, who created it;
/// then when <c>safe</c> was last checked (<c>checked_at</c>, same format as <c>ts</c>) and how its verdict changed (docs/domain.md §2.1.1).
/// </summary>
public sealed record MintRow(
    string Name,
    string Mint,
    string Team,
    bool Original,
    bool Safe,
    bool HasTw,
    decimal Sol,
    string Ts,
    string? Symbol = null,
    [property: JsonPropertyName("safe_reasons")] IReadOnlyList<string>? SafeReasons = null,
    [property: JsonPropertyName("original_mint")] string? OriginalMint = null,
    [property: JsonPropertyName("dev_pct")] decimal? DevPct = null,
    [property: JsonPropertyName("top10_pct")] decimal? Top10Pct = null,
    string? Creator = null,
    [property: JsonPropertyName("checked_at")] string? CheckedAt = null,
    [property: JsonPropertyName("safe_history")] IReadOnlyList<SafetyVerdict>? SafeHistory = null);
