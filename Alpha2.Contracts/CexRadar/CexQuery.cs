namespace Alpha2.Contracts.CexRadar;

/// <summary>How a search query is read by both hosts: a ticker or name, trimmed, without a leading cashtag <c>$</c>.</summary>
public static class CexQuery
{
    public static string Normalize(string query) => query.Trim().TrimStart('$').Trim();

    /// <summary>Searches that differ only in case, spaces or <c>$</c> are the same search, and share one run.</summary>
    public static string ShareKey(string query) => Normalize(query).ToUpperInvariant();
}
