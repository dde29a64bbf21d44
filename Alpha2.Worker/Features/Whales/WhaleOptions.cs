using System.ComponentModel.DataAnnotations;

namespace Alpha2.Worker.Features.Whales;

/// <summary>Environment: WHALE_MIN_SOL, WHALE_SCAN_MINTS.</summary>
internal sealed class WhaleOptions
{
    /// <summary>A wallet whose position is worth at least this many SOL is a whale (docs/domain.md §2.3 suggests 5 on the curve).</summary>
    [Range(0.001, 1_000_000)]
    public decimal MinSol { get; set; } = 5;

    /// <summary>How many of the feed's newest mints a scan without a list covers.</summary>
    [Range(1, 100)]
    public int DefaultMints { get; set; } = 20;
}
