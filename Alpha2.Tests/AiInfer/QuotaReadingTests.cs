using Alpha2.Contracts.AiInfer;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Providers.Gemini;
using Alpha2.Worker.Providers.Groq;

namespace Alpha2.Tests.AiInfer;

/// <summary>Which 429s are quotas no wait within a call cures, and until when (docs/providers.md §5.2).</summary>
public sealed class QuotaReadingTests
{
    private static readonly DateTimeOffset Winter = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void GeminiPerDayQuota_IsReadWithItsLimit_UntilMidnightPacific()
    {
        var quota = GeminiQuota.Read(AiFakes.GeminiDailyQuota("gemini-2.5-flash", 250), Winter);

        Assert.That(quota, Is.EqualTo(new Worker.Providers.LlmQuota(
            "GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 250", new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), ZeroLimit: false)));
    }

    [Test]
    public void GeminiDailyReset_IsMidnightInLosAngeles_SummerTimeIncluded()
    {
        Assert.That(GeminiQuota.NextPacificMidnight(new DateTimeOffset(2026, 7, 1, 6, 59, 0, TimeSpan.Zero)),
            Is.EqualTo(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero)));
        Assert.That(GeminiQuota.NextPacificMidnight(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero)),
            Is.EqualTo(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void GeminiLimitZero_InTheMessageOnly_IsAZeroLimit()
    {
        const string body = """
            {"error":{"code":429,"message":"You exceeded your current quota.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro","status":"RESOURCE_EXHAUSTED"}}
            """;

        Assert.That(GeminiQuota.Read(body, Winter), Is.EqualTo(new Worker.Providers.LlmQuota("a free-tier quota, limit 0", new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), ZeroLimit: true)));
    }

    [TestCase("""{"error":{"code":429,"message":"Sandbox rate limit","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1s"}]}}""")]
    [TestCase("""{"error":{"code":429,"message":"You exceeded your current quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"10"}]}]}}""")]
    [TestCase("""{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}""")]
    [TestCase("<html>429</html>")]
    public void GeminiPerMinuteLimitsAndOtherErrors_AreNotQuotasUsedUp(string body)
    {
        Assert.That(GeminiQuota.Read(body, Winter), Is.Null);
    }

    [Test]
    public void GroqTokensPerDay_IsBlockedForTheWaitItsMessageGives()
    {
        var quota = GroqQuota.Read(AiFakes.GroqDailyTokens("llama-3.3-70b-versatile"), retryAfter: TimeSpan.FromSeconds(578), Winter);

        Assert.That(quota, Is.EqualTo(new Worker.Providers.LlmQuota("tokens per day (TPD), limit 100000", Winter + TimeSpan.FromSeconds(578.016), ZeroLimit: false)));
    }

    [TestCase("Please try again in 2h13m5s.", 2 * 3600 + 13 * 60 + 5)]
    [TestCase("Please try again in 1m0.5s.", 60.5)]
    [TestCase("Please try again in 41.3s.", 41.3)]
    public void GroqRequestsPerDay_ReadsEveryFormOfTheWait(string tryAgain, double seconds)
    {
        var body = $$$"""{"error":{"message":"Rate limit reached for model `llama-3.1-8b-instant` in organization `org_1` service tier `on_demand` on requests per day (RPD): Limit 14400, Used 14400, Requested 1. {{{tryAgain}}}","type":"requests","code":"rate_limit_exceeded"}}""";

        Assert.That(GroqQuota.Read(body, retryAfter: null, Winter)?.Until, Is.EqualTo(Winter + TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void GroqTokensPerMinute_IsNotAQuotaUsedUp()
    {
        Assert.That(GroqQuota.Read(AiFakes.GroqRateLimited, TimeSpan.FromSeconds(1), Winter), Is.Null);
    }

    [Test]
    public void TheAlternative_IsTheCheapestFreeModelOfTheSameProvider_ElseOfAnother()
    {
        var ai = new AiOptions();

        Assert.That(ai.AlternativeTo("gemini-2.5-flash", new HashSet<string>()), Is.EqualTo("gemini-2.5-flash-lite"));
        Assert.That(ai.AlternativeTo("llama-3.3-70b-versatile", new HashSet<string>()), Is.EqualTo("llama-3.1-8b-instant"));
        Assert.That(ai.AlternativeTo("gemini-2.5-flash", new HashSet<string> { "gemini-2.5-flash-lite" }), Is.EqualTo("gemini-2.5-pro"));
        Assert.That(ai.AlternativeTo("gemini-2.5-flash", new HashSet<string> { "gemini-2.5-flash-lite", "gemini-2.5-pro" }), Is.EqualTo("llama-3.1-8b-instant"));
        Assert.That(ai.AlternativeTo("gemini-2.5-flash", ai.Models.Keys.ToHashSet()), Is.Null);
    }
}
