using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha2.Worker.Providers.RugCheck;

/// <summary><c>dto.TokenCheckSummary</c>; scores can be oversized integers, so they read as doubles.</summary>
internal sealed record RugCheckSummary(
    RugCheckRisk[]? Risks,
    double? Score,
    [property: JsonPropertyName("score_normalised")] double? ScoreNormalised,
    double? LpLockedPct,
    string? Error);

/// <summary>A risk; <c>level</c> is "info", "warn" or "danger" (some code also expects "good").</summary>
internal sealed record RugCheckRisk(string? Name, string? Value, string? Description, double? Score, string? Level);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(RugCheckSummary))]
internal sealed partial class RugCheckJson : JsonSerializerContext;
