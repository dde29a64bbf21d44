namespace Alpha2.Api.Jobs;

/// <summary>Identical work within <paramref name="Window"/> shares the job recorded under <paramref name="Key"/>.</summary>
internal sealed record JobShare(string Key, TimeSpan Window);
