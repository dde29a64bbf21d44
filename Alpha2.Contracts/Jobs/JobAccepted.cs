namespace Alpha2.Contracts.Jobs;

/// <summary>The 202 answer of every POST that queues work.</summary>
public sealed record JobAccepted(string JobId);
