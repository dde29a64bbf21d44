namespace Alpha2.Contracts.HeliusMints;

/// <summary>
/// One entry of a row's <c>safe_history</c>: when a check (ingestion or a re-check) reached a verdict, and the verdict.
/// <paramref name="At"/> has the format of <c>ts</c> (UTC, <c>yyyy-MM-dd HH:mm:ss</c>). docs/domain.md §2.1.1.
/// </summary>
public sealed record SafetyVerdict(string At, bool Safe, IReadOnlyList<string> Reasons);
