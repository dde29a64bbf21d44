using Alpha2.Api.Metrics;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Metrics;

namespace Alpha2.Tests.Metrics;

public sealed class SuggestionRulesTests
{
    // 12:00 UTC: half the day gone, so today's spend projects to 60× over a 30-day month.
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, ProviderFigures> Quiet() =>
        ProviderNames.All.ToDictionary(p => p, _ => new ProviderFigures(100, 0, 0, 0, 0));

    private static string Suggest(
        Dictionary<string, ProviderFigures>? providers = null, Dictionary<string, PollerFigures>? pollers = null, bool english = false) =>
        SuggestionRules.Suggest(providers ?? Quiet(), pollers ?? [], new SuggestionOptions(), Noon, english);

    [Test]
    public void AModelWhoseQuotaIsUsedUp_IsNamedWithItsResetAndAnAlternativeThatIsNotBlockedToo()
    {
        var noon = Noon.ToUnixTimeSeconds();
        AiQuotaBlock[] blocks =
        [
            new("gemini", "gemini-2.5-flash-lite", "GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 1000", ZeroLimit: false, noon + 3600),
            new("gemini", "gemini-2.5-flash", "GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 250", ZeroLimit: false, noon + 7200),
            new("gemini", "gemini-2.5-pro", "GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 0", ZeroLimit: true, noon + 3600),
        ];

        Assert.That(SuggestionRules.QuotaUsedUp(blocks, new AiOptions(), english: true), Is.EqualTo(
            "Gemini gemini-2.5-flash: quota GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 250 used up until 2026-11-25 14:00 UTC; switch to llama-3.1-8b-instant"));
        Assert.That(SuggestionRules.QuotaUsedUp(blocks, new AiOptions(), english: false), Is.EqualTo(
            "Gemini gemini-2.5-flash: квота GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 250 исчерпана до 2026-11-25 14:00 UTC; перейти на llama-3.1-8b-instant"));
        Assert.That(SuggestionRules.QuotaUsedUp([], new AiOptions(), english: true), Is.Null);
    }

    [Test]
    public void NothingUnusual_SuggestsNothing()
    {
        Assert.That(Suggest(), Is.Empty);
    }

    [Test]
    public void ApifyPollerFindingNothingThreeRunsInARow_IsToldToHalveItsFrequency_InRussianByDefault()
    {
        var pollers = new Dictionary<string, PollerFigures> { [PollerNames.Apify] = new(3, TimeSpan.FromMinutes(5)) };

        Assert.That(Suggest(pollers: pollers), Is.EqualTo("Снизить частоту Apify до 10м"));
        Assert.That(Suggest(pollers: pollers, english: true), Is.EqualTo("Lower Apify frequency to 10m"));
    }

    [Test]
    public void PollerWithTwoEmptyRuns_IsLeftAlone()
    {
        var pollers = new Dictionary<string, PollerFigures> { [PollerNames.HeliusMints] = new(2, TimeSpan.FromSeconds(30)) };

        Assert.That(Suggest(pollers: pollers), Is.Empty);
    }

    [Test]
    public void ThrottledShareOverOnePercent_SuggestsBackoffAndCache()
    {
        var providers = Quiet();
        providers[ProviderNames.Birdeye] = new ProviderFigures(90, 0, Calls: 200, Throttled: 3, Failed: 0);

        Assert.That(Suggest(providers, english: true), Is.EqualTo("Back off and cache Birdeye: 429 on 1.5% of calls today"));
        Assert.That(Suggest(providers), Does.StartWith("Включить backoff и кэш для Birdeye"));
    }

    [Test]
    public void ThrottledShareOfExactlyOnePercent_IsNotOver()
    {
        var providers = Quiet();
        providers[ProviderNames.Birdeye] = new ProviderFigures(90, 0, Calls: 200, Throttled: 2, Failed: 0);

        Assert.That(Suggest(providers), Is.Empty);
    }

    [Test]
    public void HeliusProjectedOverEightyPercentOfPlan_SuggestsRawLogDecoding_BeforeAnyOtherRule()
    {
        var providers = Quiet();
        // 140k credits by noon → 280k a day → 8.4M a month: 84% of the 10M plan.
        providers[ProviderNames.Helius] = new ProviderFigures(88, 140_000, 1_000, 0, 0);
        providers[ProviderNames.Birdeye] = new ProviderFigures(90, 0, Calls: 200, Throttled: 50, Failed: 0);
        var pollers = new Dictionary<string, PollerFigures> { [PollerNames.Apify] = new(9, TimeSpan.FromMinutes(5)) };

        var suggestion = Suggest(providers, pollers, english: true);

        Assert.That(suggestion, Does.StartWith("Move Helius Enhanced Transactions (100 credits) to raw log decoding").And.Contain("84%"));
    }

    [Test]
    public void HeliusProjectedUnderEightyPercent_IsNotOverBudget()
    {
        var providers = Quiet();
        providers[ProviderNames.Helius] = new ProviderFigures(88, 130_000, 1_000, 0, 0); // 78%

        Assert.That(Suggest(providers), Is.Empty);
    }

    [Test]
    public void GroqSpendOverBudget_SuggestsTheCheaperModel()
    {
        var providers = Quiet();
        // US cents: 250 by noon → 15,000 a month = the whole $150 budget.
        providers[ProviderNames.Groq] = new ProviderFigures(300, 250, 100, 0, 0);

        Assert.That(Suggest(providers), Does.StartWith("Перевести запросы Groq на llama-3.1-8b-instant"));
    }
}
