using System.Globalization;
using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.AiInfer;

/// <summary>The limits the spec promises for the AI box: a daily spend cap across replicas, and keys that may be missing.</summary>
public sealed class AiLimitsTests
{
    // gemini-2.5-flash-lite: a 4-char prompt and 100 max tokens reserve (4 + 64) × 0.10 + 100 × 0.40 = 46.8 µUSD.
    private const decimal CapUsd = 0.000500m;

    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    private IDatabase Redis => _stack.Redis;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("ok", prompt: 4, candidates: 100));
        static void Limits(Dictionary<string, string?> settings)
        {
            settings["GEMINI_RPS"] = "1000";
            settings["AI_DAILY_SPEND_CAP_USD"] = CapUsd.ToString(CultureInfo.InvariantCulture);
            settings["WORKER_CONCURRENCY"] = "32";
            settings.Remove("GROQ_API_KEY");
        }

        // Two replicas race for the same cap; GROQ_API_KEY is deliberately unset.
        await Task.WhenAll(_stack.StartWorkerAsync(Limits), _stack.StartWorkerAsync(Limits));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [Test]
    public async Task MissingKey_FailsOnlyThatProvidersJob_NamingTheVariable()
    {
        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "hi" });
        var job = await Client.FinishedJobAsync(jobId);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("GROQ_API_KEY"));
    }

    [Test]
    public async Task SpendCap_TwoHundredConcurrentPrompts_NeverSpendPastTheCap_AndTheRestFailSayingSo()
    {
        var jobIds = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = $"p{i:000}"[..4], maxTokens = 100 })));
        var jobs = await Task.WhenAll(jobIds.Select(id => Client.FinishedJobAsync(id, timeoutSeconds: 60)));

        var done = jobs.Where(j => j.GetProperty("status").GetString() == "done").ToArray();
        var refused = jobs.Where(j => j.GetProperty("status").GetString() == "failed").ToArray();
        var spent = done.Sum(j => j.GetProperty("result").GetProperty("cost").GetDecimal());
        var today = DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var ledgerMicroUsd = (long)await Redis.StringGetAsync($"spend:ai:{today}");
        Assert.Multiple(() =>
        {
            Assert.That(done, Is.Not.Empty, "calls under the cap run");
            Assert.That(refused, Is.Not.Empty, "calls past the cap are refused");
            Assert.That(spent, Is.LessThanOrEqualTo(CapUsd));
            Assert.That(ledgerMicroUsd, Is.LessThanOrEqualTo((long)(CapUsd * 1_000_000m)));
            Assert.That(refused.All(j => j.GetProperty("error").GetString()!.Contains("daily AI spend cap", StringComparison.Ordinal)), Is.True);
            Assert.That(Providers.LogEntries.Count, Is.EqualTo(done.Length), "no refused prompt reached the provider");
        });
    }
}
