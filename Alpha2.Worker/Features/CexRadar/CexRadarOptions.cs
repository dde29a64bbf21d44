using System.ComponentModel.DataAnnotations;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>Environment: CEX_RADAR_MAX_ROWS, CEX_RADAR_TRACK_HOURS, APIFY_INTERVAL_MINUTES.</summary>
internal sealed class CexRadarOptions
{
    /// <summary>Rows per search, newest announcements first; each costs a Birdeye lookup and social figures.</summary>
    [Range(1, 50)]
    public int MaxRows { get; set; } = 10;

    /// <summary>How long a searched token's social figures keep being refreshed.</summary>
    [Range(1, 24 * 7)]
    public int TrackHours { get; set; } = 24;

    /// <summary>The social refresher's period.</summary>
    [Range(1, 24 * 60)]
    public int ApifyIntervalMinutes { get; set; } = 5;
}
