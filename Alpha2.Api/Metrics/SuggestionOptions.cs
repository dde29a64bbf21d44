using Alpha2.Contracts.Metrics;

namespace Alpha2.Api.Metrics;

/// <summary>
/// What the suggestion rules compare against. Environment: HELIUS_MONTHLY_CREDITS, BIRDEYE_MONTHLY_CU, APIFY_MONTHLY_USD,
/// GEMINI_MONTHLY_USD, GROQ_MONTHLY_USD (monthly budgets), SUGGEST_EMPTY_RUNS.
/// </summary>
internal sealed class SuggestionOptions
{
    /// <summary>Monthly budget per provider, in the unit its credits are counted in (USD budgets become cents).</summary>
    public Dictionary<string, decimal> MonthlyBudgets { get; } = new(StringComparer.Ordinal)
    {
        [ProviderNames.Helius] = 10_000_000, // Developer plan
        [ProviderNames.Birdeye] = 1_500_000, // Lite plan
        [ProviderNames.Apify] = 49 * 100m,
        [ProviderNames.Gemini] = 150 * 100m,
        [ProviderNames.Groq] = 150 * 100m,
    };

    /// <summary>Runs in a row that found nothing new before a poller is told to slow down.</summary>
    public int EmptyRuns { get; set; } = 3;

    /// <summary>Share of calls answered 429 above which throttling is worth fixing.</summary>
    public decimal ThrottledShare { get; set; } = 0.01m;

    /// <summary>Calls needed today before the 429 share means anything.</summary>
    public int MinCallsForThrottleRule { get; set; } = 20;

    /// <summary>Share of the monthly budget a projection may reach before the cheaper method is suggested.</summary>
    public decimal BudgetShare { get; set; } = 0.8m;

    public static SuggestionOptions From(IConfiguration configuration)
    {
        var options = new SuggestionOptions { EmptyRuns = configuration.GetValue("SUGGEST_EMPTY_RUNS", 3) };
        options.MonthlyBudgets[ProviderNames.Helius] = configuration.GetValue("HELIUS_MONTHLY_CREDITS", options.MonthlyBudgets[ProviderNames.Helius]);
        options.MonthlyBudgets[ProviderNames.Birdeye] = configuration.GetValue("BIRDEYE_MONTHLY_CU", options.MonthlyBudgets[ProviderNames.Birdeye]);
        options.MonthlyBudgets[ProviderNames.Apify] = configuration.GetValue("APIFY_MONTHLY_USD", 49m) * 100;
        options.MonthlyBudgets[ProviderNames.Gemini] = configuration.GetValue("GEMINI_MONTHLY_USD", 150m) * 100;
        options.MonthlyBudgets[ProviderNames.Groq] = configuration.GetValue("GROQ_MONTHLY_USD", 150m) * 100;
        return options;
    }
}
