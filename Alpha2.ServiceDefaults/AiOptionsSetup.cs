using System.Globalization;
using Alpha2.Contracts.AiInfer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.ServiceDefaults;

public static class AiOptionsSetup
{
    /// <summary>Binds <see cref="AiOptions"/> from the flat environment names and validates it at start.</summary>
    public static IServiceCollection AddAiOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AiOptions>()
            .Configure(options => Bind(options, configuration))
            .Validate(options => options.MaxTokensCap > 0 && options.DefaultMaxTokens > 0
                                 && options.DefaultMaxTokens <= options.MaxTokensCap,
                "AI_DEFAULT_MAX_TOKENS must be between 1 and AI_MAX_TOKENS.")
            .Validate(options => options.MaxPromptChars > 0, "AI_MAX_PROMPT_CHARS must be positive.")
            .Validate(options => options.DailySpendCapUsd >= 0, "AI_DAILY_SPEND_CAP_USD must not be negative.")
            .Validate(options => options.RequestsPerSecond.Values.All(rps => rps > 0), "GEMINI_RPS and GROQ_RPS must be positive.")
            .ValidateOnStart();
        return services;
    }

    internal static void Bind(AiOptions options, IConfiguration configuration)
    {
        options.MaxPromptChars = configuration.GetValue("AI_MAX_PROMPT_CHARS", options.MaxPromptChars);
        options.MaxTokensCap = configuration.GetValue("AI_MAX_TOKENS", options.MaxTokensCap);
        options.DefaultMaxTokens = configuration.GetValue("AI_DEFAULT_MAX_TOKENS", Math.Min(options.DefaultMaxTokens, options.MaxTokensCap));
        options.DailySpendCapUsd = configuration.GetValue("AI_DAILY_SPEND_CAP_USD", options.DailySpendCapUsd);
        options.RequestsPerSecond[AiProviders.Gemini] = configuration.GetValue("GEMINI_RPS", options.RequestsPerSecond[AiProviders.Gemini]);
        options.RequestsPerSecond[AiProviders.Groq] = configuration.GetValue("GROQ_RPS", options.RequestsPerSecond[AiProviders.Groq]);
        if (configuration["AI_PRICES"] is { Length: > 0 } prices)
        {
            options.Models.Clear();
            foreach (var (model, price) in ParsePrices(prices))
            {
                options.Models[model] = price;
            }
        }
    }

    /// <summary>
    /// Reads <c>model=provider:input/output;…</c>, e.g. <c>gemini-2.5-flash=gemini:0.30/2.50</c>, prices in USD per 1M tokens.
    /// </summary>
    internal static IEnumerable<(string Model, AiModel Price)> ParsePrices(string text)
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
}
