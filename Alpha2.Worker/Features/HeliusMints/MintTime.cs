using System.Globalization;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>The feed's one time format (docs/domain.md §0): <c>ts</c>, <c>checked_at</c> and <c>safe_history[].at</c>.</summary>
internal static class MintTime
{
    public const string Pattern = "yyyy-MM-dd HH:mm:ss";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
