namespace Alpha2.Contracts.Jobs;

/// <summary>
/// The fields every job JSON carries beside its payload: <c>{"id":…, "traceparent":…, payload fields…}</c>.
/// The payload sits at the top level, as the seed's main.py wrote it.
/// </summary>
public sealed record JobEnvelope(string Id, string? Traceparent);
