using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha2.Contracts.AiInfer;

/// <summary>
/// A model whose provider said a quota will not recover soon (a per-day quota used up, or a limit of 0): prompts to it
/// fail without a call until <see cref="Until"/> (unix seconds). Kept in <see cref="RedisKeys.AiQuotaBlocks"/>; the worker
/// writes and obeys it, the metrics panel's suggestion names it (docs/domain.md §6).
/// </summary>
public sealed record AiQuotaBlock(
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("quota")] string Quota,
    [property: JsonPropertyName("zero_limit")] bool ZeroLimit,
    [property: JsonPropertyName("until")] long Until)
{
    public DateTimeOffset UntilTime => DateTimeOffset.FromUnixTimeSeconds(Until);

    /// <summary>The blocks among <paramref name="stored"/> (the hash's values) that have not ended at <paramref name="now"/>.</summary>
    public static IReadOnlyList<AiQuotaBlock> Live(IEnumerable<string?> stored, DateTimeOffset now) =>
        stored.Select(json => json is null ? null : JsonSerializer.Deserialize(json, Alpha2Json.Default.AiQuotaBlock))
            .OfType<AiQuotaBlock>()
            .Where(block => block.UntilTime > now)
            .ToArray();
}
