using System.Globalization;

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

    /// <summary>The models a request may name, with their provider and USD price per 1M tokens (docs/providers.md §4, §5).</summary>
    public Dictionary<string, AiModel> Models { get; } = new(StringComparer.Ordinal)
    {
        ["gemini-2.5-flash"] = new(AiProviders.Gemini, 0.30m, 2.50m),
        ["gemini-2.5-flash-lite"] = new(AiProviders.Gemini, 0.10m, 0.40m),
        ["gemini-2.5-pro"] = new(AiProviders.Gemini, 1.25m, 10.00m),
        ["llama-3.3-70b-versatile"] = new(AiProviders.Groq, 0.59m, 0.79m),
        ["llama-3.1-8b-instant"] = new(AiProviders.Groq, 0.05m, 0.08m),
    };

    /// <summary>
    /// Reads the AI_* and *_RPS settings through <paramref name="setting"/> (name → value, null when unset), then checks
    /// them: a value that cannot be read or breaks a limit throws a <see cref="FormatException"/> naming its variable,
    /// so a host with bad settings stops at start.
    /// </summary>
    public void Bind(Func<string, string?> setting)
    {
        MaxPromptChars = Number(setting, "AI_MAX_PROMPT_CHARS", MaxPromptChars);
        MaxTokensCap = Number(setting, "AI_MAX_TOKENS", MaxTokensCap);
        DefaultMaxTokens = Number(setting, "AI_DEFAULT_MAX_TOKENS", Math.Min(DefaultMaxTokens, MaxTokensCap));
        DailySpendCapUsd = setting("AI_DAILY_SPEND_CAP_USD") is { Length: > 0 } cap ? Parse(cap, "AI_DAILY_SPEND_CAP_USD") : DailySpendCapUsd;
        RequestsPerSecond[AiProviders.Gemini] = Number(setting, "GEMINI_RPS", RequestsPerSecond[AiProviders.Gemini]);
        RequestsPerSecond[AiProviders.Groq] = Number(setting, "GROQ_RPS", RequestsPerSecond[AiProviders.Groq]);
        if (setting("AI_PRICES") is { Length: > 0 } prices)
        {
            Models.Clear();
            foreach (var (model, price) in ParsePrices(prices))
            {
                Models[model] = price;
            }
        }

        Check(MaxTokensCap > 0 && DefaultMaxTokens > 0 && DefaultMaxTokens <= MaxTokensCap, "AI_DEFAULT_MAX_TOKENS must be between 1 and AI_MAX_TOKENS.");
        Check(MaxPromptChars > 0, "AI_MAX_PROMPT_CHARS must be positive.");
        Check(DailySpendCapUsd >= 0, "AI_DAILY_SPEND_CAP_USD must not be negative.");
        Check(RequestsPerSecond.Values.All(rps => rps > 0), "GEMINI_RPS and GROQ_RPS must be positive.");
    }

    /// <summary>
    /// The model to suggest instead of <paramref name="model"/> when it cannot be used: the cheapest other model of the
    /// same provider that is not in <paramref name="unavailable"/>, else the cheapest of another provider; null if none.
    /// </summary>
    public string? AlternativeTo(string model, IReadOnlySet<string> unavailable)
    {
        var provider = Models.TryGetValue(model, out var known) ? known.Provider : null;
        return Models
            .Where(m => m.Key != model && !unavailable.Contains(m.Key))
            .OrderBy(m => m.Value.Provider == provider ? 0 : 1)
            .ThenBy(m => m.Value.OutputUsdPerMillion)
            .ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => m.Key)
            .FirstOrDefault();
    }

    /// <summary>
    /// Reads <c>model=provider:input/output;…</c>, e.g. <c>gemini-2.5-flash=gemini:0.30/2.50</c>, prices in USD per 1M tokens.
    /// </summary>
    public static IEnumerable<(string Model, AiModel Price)> ParsePrices(string text)
    {
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', ':', '/');
            if (parts.Length != 4
                || !AiProviders.All.Contains(parts[1].Trim())
                || !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var input)
                || !decimal.TryParse(parts[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var output))
            {
                throw new FormatException($"AI_PRICES entry '{entry}' is not model=provider:input/output (USD per 1M tokens).");
            }

            yield return (parts[0].Trim(), new AiModel(parts[1].Trim(), input, output));
        }
    }

    private static int Number(Func<string, string?> setting, string name, int fallback) =>
        setting(name) is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"{name} must be a whole number, not '{text}'.");

    private static decimal Parse(string text, string name) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be a number, not '{text}'.");

    private static void Check(bool valid, string problem)
    {
        if (!valid)
        {
            throw new FormatException(problem);
        }
    }
}

/// <summary>A model the AI box may call; thinking tokens bill at the output price.</summary>
public sealed record AiModel(string Provider, decimal InputUsdPerMillion, decimal OutputUsdPerMillion)
{
    public decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputUsdPerMillion + outputTokens * OutputUsdPerMillion) / 1_000_000m;
}
