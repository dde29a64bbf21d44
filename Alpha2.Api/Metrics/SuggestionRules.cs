using System.Globalization;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Metrics;

namespace Alpha2.Api.Metrics;

/// <summary>
/// The panel's one suggestion (docs/domain.md §6). An AI model whose quota is used up comes first: its prompts fail
/// until the reset. Then explicit rules in order of what saves most: a projected monthly
/// spend over its budget share → the cheaper method; a 429 share over 1% → back off or cache; a poller finding nothing
/// for N runs in a row → halve its frequency. Russian by default (the UI's language), English on request.
/// </summary>
internal static class SuggestionRules
{
    public static string Suggest(
        IReadOnlyDictionary<string, ProviderFigures> providers,
        IReadOnlyDictionary<string, PollerFigures> pollers,
        SuggestionOptions options,
        DateTimeOffset now,
        bool english) =>
        OverBudget(providers, pollers, options, now, english)
        ?? Throttled(providers, options, english)
        ?? IdlePoller(pollers, options, english)
        ?? "";

    /// <summary>
    /// "Gemini gemini-2.5-flash: quota … used up until … UTC; switch to gemini-2.5-flash-lite", for the block that lasts
    /// longest; null when no model is blocked.
    /// </summary>
    public static string? QuotaUsedUp(IReadOnlyList<AiQuotaBlock> blocks, AiOptions ai, bool english)
    {
        if (blocks.OrderByDescending(b => b.Until).ThenBy(b => b.Model, StringComparer.Ordinal).FirstOrDefault() is not { } block)
        {
            return null;
        }

        var name = $"{AiProviders.Display(block.Provider)} {block.Model}";
        var until = block.UntilTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var used = (block.ZeroLimit, english) switch
        {
            (true, true) => $"{name}: no quota on this key ({block.Quota}) until {until}",
            (true, false) => $"{name}: нет квоты для этого ключа ({block.Quota}) до {until}",
            (false, true) => $"{name}: quota {block.Quota} used up until {until}",
            (false, false) => $"{name}: квота {block.Quota} исчерпана до {until}",
        };
        var alternative = ai.AlternativeTo(block.Model, blocks.Select(b => b.Model).ToHashSet(StringComparer.Ordinal));
        return alternative is null ? used : used + (english ? $"; switch to {alternative}" : $"; перейти на {alternative}");
    }

    private static string? OverBudget(
        IReadOnlyDictionary<string, ProviderFigures> providers, IReadOnlyDictionary<string, PollerFigures> pollers,
        SuggestionOptions options, DateTimeOffset now, bool english)
    {
        // Today's spend so far, stretched over the whole day and a 30-day month; an hour at least, so 00:01 is not ×1440.
        var dayElapsed = Math.Max((decimal)now.UtcDateTime.TimeOfDay.TotalDays, 1m / 24);
        foreach (var (provider, budget) in options.MonthlyBudgets)
        {
            var projected = providers.TryGetValue(provider, out var figures) ? figures.Credits / dayElapsed * 30 : 0;
            if (budget <= 0 || projected <= budget * options.BudgetShare)
            {
                continue;
            }

            var share = Percent(projected / budget, "0");
            return provider switch
            {
                ProviderNames.Helius => english
                    ? $"Move Helius Enhanced Transactions (100 credits) to raw log decoding (1 credit): projected {share} of the monthly credits"
                    : $"Перевести Enhanced Transactions Helius (100 кредитов) на разбор логов (1 кредит): прогноз {share} месячных кредитов",
                ProviderNames.Birdeye => english
                    ? $"Cache Birdeye prices and searches: projected {share} of the monthly compute units"
                    : $"Кэшировать цены и поиск Birdeye: прогноз {share} месячных CU",
                ProviderNames.Apify => SlowDown("Apify", Interval(pollers, PollerNames.Apify), english) + (english ? $": projected {share} of the budget" : $": прогноз {share} бюджета"),
                ProviderNames.Gemini => english
                    ? $"Switch Gemini prompts to gemini-2.5-flash-lite: projected {share} of the budget"
                    : $"Перевести запросы Gemini на gemini-2.5-flash-lite: прогноз {share} бюджета",
                ProviderNames.Groq => english
                    ? $"Switch Groq prompts to llama-3.1-8b-instant: projected {share} of the budget"
                    : $"Перевести запросы Groq на llama-3.1-8b-instant: прогноз {share} бюджета",
                _ => null,
            };
        }

        return null;
    }

    private static string? Throttled(IReadOnlyDictionary<string, ProviderFigures> providers, SuggestionOptions options, bool english)
    {
        var worst = providers
            .Where(p => p.Value.Calls >= options.MinCallsForThrottleRule && (decimal)p.Value.Throttled / p.Value.Calls > options.ThrottledShare)
            .OrderByDescending(p => (decimal)p.Value.Throttled / p.Value.Calls)
            .FirstOrDefault();
        if (worst.Key is null)
        {
            return null;
        }

        var share = Percent((decimal)worst.Value.Throttled / worst.Value.Calls, "0.#");
        return english
            ? $"Back off and cache {Display(worst.Key)}: 429 on {share} of calls today"
            : $"Включить backoff и кэш для {Display(worst.Key)}: 429 в {share} вызовов за сегодня";
    }

    private static string? IdlePoller(IReadOnlyDictionary<string, PollerFigures> pollers, SuggestionOptions options, bool english) =>
        pollers.Where(p => p.Value.EmptyStreak >= options.EmptyRuns && p.Value.Interval > TimeSpan.Zero)
            .OrderByDescending(p => p.Value.EmptyStreak)
            .Select(p => SlowDown(Display(p.Key), p.Value.Interval, english))
            .FirstOrDefault();

    /// <summary>"Снизить частоту Apify до 10м": half as often as now.</summary>
    private static string SlowDown(string provider, TimeSpan interval, bool english)
    {
        var minutes = ((int)Math.Ceiling(interval.TotalMinutes * 2)).ToString(CultureInfo.InvariantCulture);
        return english ? $"Lower {provider} frequency to {minutes}m" : $"Снизить частоту {provider} до {minutes}м";
    }

    private static TimeSpan Interval(IReadOnlyDictionary<string, PollerFigures> pollers, string poller) =>
        pollers.TryGetValue(poller, out var figures) && figures.Interval > TimeSpan.Zero ? figures.Interval : TimeSpan.FromMinutes(5);

    private static string Percent(decimal fraction, string format) =>
        (fraction * 100).ToString(format, CultureInfo.InvariantCulture) + "%";

    private static string Display(string name) => name switch
    {
        PollerNames.HeliusMints or ProviderNames.Helius => "Helius",
        ProviderNames.RugCheck => "RugCheck",
        ProviderNames.Okx => "OKX",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name),
    };
}

/// <summary>A poller's recent yield: runs in a row that found nothing new, and how often it runs.</summary>
internal sealed record PollerFigures(long EmptyStreak, TimeSpan Interval);
