namespace Alpha2.Worker.Providers;

/// <summary>
/// A quota of one model that will not recover soon: a per-day quota used up, or a limit of 0 (a free tier without this
/// model). <paramref name="Quota"/> is the provider's own name for it, with its limit when given; <paramref name="Until"/>
/// is when it resets (docs/providers.md §5.2).
/// </summary>
internal sealed record LlmQuota(string Quota, DateTimeOffset Until, bool ZeroLimit);

/// <summary>Thrown by an <see cref="ILlmClient"/> when the provider says <see cref="Quota"/> is used up for the model.</summary>
internal sealed class LlmQuotaExceededException(LlmQuota quota, Exception inner)
    : Exception($"Quota {quota.Quota} is used up until {quota.Until:u}.", inner)
{
    public LlmQuota Quota { get; } = quota;
}
