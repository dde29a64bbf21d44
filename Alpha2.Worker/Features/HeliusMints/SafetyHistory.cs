using Alpha2.Contracts.HeliusMints;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// A check's verdict applied to a stored row (docs/domain.md §2.1.1): every field the UI reads keeps its meaning, and
/// <c>safe_history</c> records changes only, compared by <c>safe</c> and the exact reasons.
/// </summary>
internal static class SafetyHistory
{
    /// <summary>The row with the check's verdict; safe_history grows only when safe or the reasons differ from its last entry.</summary>
    public static (MintRow Row, bool Changed) Apply(MintRow row, SafetyResult result, string at)
    {
        var history = row.SafeHistory ?? [];
        var changed = history.Count == 0 || history[^1].Safe != result.Safe || !history[^1].Reasons.SequenceEqual(result.Reasons, StringComparer.Ordinal);
        return (row with
        {
            Safe = result.Safe,
            SafeReasons = result.Reasons,
            DevPct = result.DevPercent,
            Top10Pct = result.Top10Percent,
            CheckedAt = at,
            SafeHistory = changed ? [.. history, new SafetyVerdict(at, result.Safe, result.Reasons)] : history,
        }, changed);
    }
}
