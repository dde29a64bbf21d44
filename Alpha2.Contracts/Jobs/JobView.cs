using System.Text.Json;

namespace Alpha2.Contracts.Jobs;

/// <summary>What <c>GET /api/jobs/{jobId}</c> answers.</summary>
public sealed record JobView(
    string JobId,
    string Queue,
    string Status,
    JsonElement? Result,
    string? Error,
    JsonElement? Summary,
    int Attempts,
    DateTimeOffset? FinishedAt);
