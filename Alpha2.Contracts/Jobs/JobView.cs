namespace Alpha2.Contracts.Jobs;

/// <summary>What <c>GET /api/jobs/{jobId}</c> answers.</summary>
public sealed record JobView(
    string JobId,
    string Queue,
    string Status,
    RawJson? Result,
    string? Error,
    RawJson? Summary,
    int Attempts,
    DateTimeOffset? FinishedAt);
