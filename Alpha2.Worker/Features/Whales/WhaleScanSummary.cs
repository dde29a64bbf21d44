using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha2.Worker.Features.Whales;

/// <summary>What a scan covered, shown by GET /api/jobs: the mints scanned, the threshold, and why any mint was skipped.</summary>
internal sealed record WhaleScanSummary(
    int Scanned,
    [property: JsonPropertyName("whale_min_sol")] decimal WhaleMinSol,
    IReadOnlyDictionary<string, string> Skipped);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WhaleScanSummary))]
internal sealed partial class WhalesJson : JsonSerializerContext;
