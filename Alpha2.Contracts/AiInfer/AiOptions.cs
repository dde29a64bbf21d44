namespace Alpha2.Contracts.AiInfer;

/// <summary>
/// The AI limits both hosts agree on: the API validates against them, the worker enforces and prices by them.
/// Environment: AI_MAX_PROMPT_CHARS, AI_MAX_TOKENS, AI_DEFAULT_MAX_TOKENS, AI_DAILY_SPEND_CAP_USD, AI_PRICES, GEMINI_RPS, GROQ_RPS.
/// </summary>
public sealed class AiOptions
{
    public int MaxPromptChars { get; set; } = 8_000;

    /// <summary>The most output tokens one request may ask for.</summary>
    public int MaxTokensCap { get; set; } = 2_048;

    public int DefaultMaxTokens { get; set; } = 512;

    /// <summary>Spend across all replicas per UTC day; a job that could pass it fails instead of running.</summary>
    public decimal DailySpendCapUsd { get; set; } = 5m;

    /// <summary>Calls per second per provider, across all replicas.</summary>
    public Dictionary<string, int> RequestsPerSecond { get; } = new(StringComparer.Ordinal)
    {
        [AiProviders.Gemini] = 5,
        [AiProviders.Groq] = 5,
    };

    /// <summary>The models a request may name, with their provider and USD price per 1M tokens (providers.md §4, §5).</summary>
    public Dictionary<string, AiModel> Models { get; } = new(StringComparer.Ordinal)
    {
        ["gemini-2.5-flash"] = new(AiProviders.Gemini, 0.30m, 2.50m),
        ["gemini-2.5-flash-lite"] = new(AiProviders.Gemini, 0.10m, 0.40m),
        ["llama-3.3-70b-versatile"] = new(AiProviders.Groq, 0.59m, 0.79m),
        ["llama-3.1-8b-instant"] = new(AiProviders.Groq, 0.05m, 0.08m),
    };
}

/// <summary>A model the AI box may call; thinking tokens bill at the output price.</summary>
public sealed record AiModel(string Provider, decimal InputUsdPerMillion, decimal OutputUsdPerMillion)
{
    public decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputUsdPerMillion + outputTokens * OutputUsdPerMillion) / 1_000_000m;
}
