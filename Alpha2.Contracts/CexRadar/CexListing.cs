using System.Text.Json.Serialization;

namespace Alpha2.Contracts.CexRadar;

/// <summary>
/// One row of <c>GET /api/cex-radar/result</c>; date and time are the announcement's publication, UTC. After the UI's
/// fields come ones that explain the row: the matched mint, how it was matched, and the announcement itself.
/// </summary>
public sealed record CexListing(
    string Exchange,
    string Date,
    string Time,
    string Team,
    string Url,
    CexSocial Social,
    string? Mint = null,
    string? Match = null,
    string? Title = null,
    string? Announcement = null);

public sealed record CexSocial(
    [property: JsonPropertyName("tw_1h")] int Tw1h,
    [property: JsonPropertyName("tg_online")] int TgOnline);
