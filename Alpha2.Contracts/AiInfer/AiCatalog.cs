using System.Text.Json.Serialization;

namespace Alpha2.Contracts.AiInfer;

/// <summary>
/// <c>GET /api/ai/models</c>: the models a prompt may name with their prices, the limits a request must keep, and the
/// AI spend of the current UTC day against its cap (both in USD).
/// </summary>
public sealed record AiCatalog(
    [property: JsonPropertyName("models")] IReadOnlyList<AiModelPrice> Models,
    [property: JsonPropertyName("default_max_tokens")] int DefaultMaxTokens,
    [property: JsonPropertyName("max_tokens")] int MaxTokens,
    [property: JsonPropertyName("max_prompt_chars")] int MaxPromptChars,
    [property: JsonPropertyName("spend_today_usd")] decimal SpendTodayUsd,
    [property: JsonPropertyName("daily_cap_usd")] decimal DailyCapUsd);

/// <summary>
/// One model of <see cref="AiCatalog"/>: its provider, its USD price per 1M input and output tokens, and while its quota
/// is used up, until when (unix seconds; absent otherwise): prompts to it fail without a call until then.
/// </summary>
public sealed record AiModelPrice(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("input_usd_per_million")] decimal InputUsdPerMillion,
    [property: JsonPropertyName("output_usd_per_million")] decimal OutputUsdPerMillion,
    [property: JsonPropertyName("blocked_until")] long? BlockedUntil = null);
