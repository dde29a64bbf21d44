namespace Alpha2.Contracts.CexRadar;

/// <summary>Body of <c>POST /api/cex-radar/search</c>, and the payload of a <c>cex-radar</c> job.</summary>
public sealed record CexRadarSearchRequest(string? Query);
