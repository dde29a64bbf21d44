using System.Text.Json.Serialization;

namespace Alpha2.Contracts.CexRadar;

/// <summary>One row of <c>GET /api/cex-radar/result</c>; date and time are the announcement's, UTC.</summary>
public sealed record CexListing(string Exchange, string Date, string Time, string Team, string Url, CexSocial Social);

public sealed record CexSocial(
    [property: JsonPropertyName("tw_1h")] int Tw1h,
    [property: JsonPropertyName("tg_online")] int TgOnline);
