using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>What a search tells beside its rows (GET /api/jobs/{id} → summary): each exchange's status and any social or Birdeye problem.</summary>
internal sealed record CexRadarSummary(string Query, IReadOnlyDictionary<string, string> Sources, IReadOnlyDictionary<string, string> Problems, int Rows);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CexRadarSummary))]
internal sealed partial class CexRadarJson : JsonSerializerContext;
