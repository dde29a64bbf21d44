namespace Alpha2.Contracts.Metrics;

/// <summary>Recurring pollers whose yield per run is recorded, for the "lower its frequency" suggestion.</summary>
public static class PollerNames
{
    /// <summary>The CEX radar's social refresher (Apify tweet runs).</summary>
    public const string Apify = "apify";

    /// <summary>The new-mint poller over Helius Enhanced Transactions.</summary>
    public const string HeliusMints = "helius-mints";

    public static IReadOnlyList<string> All { get; } = [Apify, HeliusMints];
}
