namespace Alpha2.Contracts.HeliusMints;

/// <summary>One row of <c>GET /api/helius/mints</c>; <c>ts</c> is UTC, <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
public sealed record MintRow(
    string Name,
    string Mint,
    string Team,
    bool Original,
    bool Safe,
    bool HasTw,
    decimal Sol,
    string Ts);
