namespace Alpha2.Contracts.HeliusMints;

/// <summary>
/// What a safety re-check needs that the row does not carry: when the mint was ingested (unix seconds; the schedule
/// counts from it) and the create's signing <paramref name="User"/>, whose holdings count towards <c>dev_pct</c> with the
/// creator's (docs/domain.md §2.1.1). Rides in Redis only.
/// </summary>
public sealed record MintRecheck(long Since, string User);
