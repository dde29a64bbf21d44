using System.ComponentModel.DataAnnotations;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// Environment: HELIUS_POLL_SECONDS, HELIUS_POLL_MAX_PAGES, HELIUS_WS_GAP_PAGES,
/// HELIUS_MINTS_MAX_ROWS, ORIGINAL_WINDOW_DAYS, TEAM_DOXXED_ALLOWLIST, RUGCHECK_DANGER_BLOCKLIST,
/// SAFE_MAX_TOP10_PERCENT, SAFE_MAX_DEV_PERCENT.
/// </summary>
internal sealed class HeliusMintsOptions
{
    /// <summary>The poller's period; 0 turns it off (webhooks only). Each page costs 100 credits.</summary>
    [Range(0, 24 * 3600)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>Pages a poll may read back towards the last signature it saw.</summary>
    [Range(1, 50)]
    public int PollMaxPages { get; set; } = 3;

    /// <summary>Pages of 1000 create signatures the stream's gap fill may list after a reconnect (docs/providers.md §1.e).</summary>
    [Range(1, 50)]
    public int StreamGapPages { get; set; } = 5;

    /// <summary>Rows the feed keeps, newest first.</summary>
    [Range(1, 10_000)]
    public int MaxRows { get; set; } = 200;

    /// <summary>How long the earliest mint of a symbol stays its original (docs/domain.md §2.2 suggests 7–30 days).</summary>
    [Range(1, 365)]
    public int OriginalWindowDays { get; set; } = 30;

    /// <summary>Mints or creator wallets with curated evidence of a known team: their rows say "doxxed".</summary>
    public IReadOnlySet<string> DoxxedAllowlist { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>RugCheck danger risks that make a mint unsafe (docs/domain.md §2.1).</summary>
    public IReadOnlySet<string> RugCheckBlocklist { get; set; } = new HashSet<string>(
        ["Mint Authority still enabled", "Freeze Authority still enabled", "Copycat token", "Single holder ownership",
         "Top 10 holders high ownership", "Creator history of rugged tokens"],
        StringComparer.OrdinalIgnoreCase);

    [Range(0, 100)]
    public decimal MaxTop10Percent { get; set; } = 30;

    [Range(0, 100)]
    public decimal MaxDevPercent { get; set; } = 10;
}
