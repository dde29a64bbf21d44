namespace Alpha2.Queue;

/// <summary>Identical work within <paramref name="Window"/> shares the job recorded under <paramref name="Key"/>.</summary>
public sealed record JobShare(string Key, TimeSpan Window);
