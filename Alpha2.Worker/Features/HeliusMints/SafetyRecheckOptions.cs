using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// Environment: SAFETY_RECHECK_SCHEDULE, SAFETY_RECHECK_CREDITS_PER_HOUR, SAFETY_RECHECK_TICK_SECONDS (docs/domain.md §2.1.1).
/// </summary>
internal sealed class SafetyRecheckOptions
{
    /// <summary>When each row is checked again, counted from its ingestion; empty turns re-checks off.</summary>
    public IReadOnlyList<TimeSpan> Schedule { get; set; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(24)];

    /// <summary>Helius credits all replicas' re-checks may spend in one UTC hour; a check that does not fit waits for the next hour.</summary>
    [Range(0, 100_000_000)]
    public int CreditsPerHour { get; set; } = 3_600;

    /// <summary>How often a replica looks for due checks; 0 stops the loop (the tests drive it by hand).</summary>
    [Range(0, 3_600)]
    public int TickSeconds { get; set; } = 15;

    /// <summary>The first scheduled time after <paramref name="now"/> for a row ingested at <paramref name="since"/> (unix s); null when none is left.</summary>
    public long? NextDue(long since, long now) =>
        Schedule.Select(offset => since + (long)offset.TotalSeconds).Where(due => due > now).Order().Cast<long?>().FirstOrDefault();

    /// <summary>"1m,5m,30m,2h,6h,24h": each a whole number of s, m, h or d; blank gives an empty schedule.</summary>
    public static IReadOnlyList<TimeSpan> ParseSchedule(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Offset).Distinct().Order().ToArray();

    private static TimeSpan Offset(string item)
    {
        var unit = item[^1];
        if (!long.TryParse(item[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            throw Invalid(item);
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => throw Invalid(item),
        };
    }

    private static InvalidOperationException Invalid(string item) =>
        new($"SAFETY_RECHECK_SCHEDULE: '{item}' is not a positive whole number of s, m, h or d (e.g. 1m,5m,30m,2h,6h,24h).");
}
