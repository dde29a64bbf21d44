using System.Globalization;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.AiInfer;

/// <summary>The limits the spec promises for the AI box: a daily spend cap across replicas, and keys that may be missing.</summary>
public sealed class AiLimitsTests
{
    // gemini-2.5-flash-lite: a 4-char prompt and 100 max tokens reserve (4 + 64) × 0.10 + 100 × 0.40 = 46.8 µUSD.
    private const decimal CapUsd = 0.000500m;

    private WireMockServer _providers = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IHost[] _workers = [];
    private IDatabase _redis = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var db = await RedisServer.TakeDatabaseAsync();
        _redis = RedisServer.Connection.GetDatabase(db);
        _providers = WireMockServer.Start();
        _providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("ok", prompt: 4, candidates: 100));
        _api = new ApiFactory(RedisServer.Url(db));
        _client = _api.CreateClient();
        var settings = WorkerHost.TestSettings(RedisServer.Url(db));
        settings["GEMINI_API_URL"] = _providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        settings["GEMINI_RPS"] = "1000";
        settings["AI_DAILY_SPEND_CAP_USD"] = CapUsd.ToString(CultureInfo.InvariantCulture);
        settings["WORKER_CONCURRENCY"] = "32";
        // Two replicas race for the same cap; GROQ_API_KEY is deliberately unset.
        _workers = await Task.WhenAll(WorkerHost.StartAsync(settings), WorkerHost.StartAsync(new Dictionary<string, string?>(settings)));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }

        _client.Dispose();
        await _api.DisposeAsync();
        _providers.Stop();
    }

    [Test]
    public async Task MissingKey_FailsOnlyThatProvidersJob_NamingTheVariable()
    {
        var jobId = await _client.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "hi" });
        var job = await _client.FinishedJobAsync(jobId);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("GROQ_API_KEY"));
    }

    [Test]
    public async Task SpendCap_TwoHundredConcurrentPrompts_NeverSpendPastTheCap_AndTheRestFailSayingSo()
    {
        var jobIds = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            _client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = $"p{i:000}"[..4], maxTokens = 100 })));
        var jobs = await Task.WhenAll(jobIds.Select(id => _client.FinishedJobAsync(id, timeoutSeconds: 60)));

        var done = jobs.Where(j => j.GetProperty("status").GetString() == "done").ToArray();
        var refused = jobs.Where(j => j.GetProperty("status").GetString() == "failed").ToArray();
        var spent = done.Sum(j => j.GetProperty("result").GetProperty("cost").GetDecimal());
        var today = DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var ledgerMicroUsd = (long)await _redis.StringGetAsync($"spend:ai:{today}");
        Assert.Multiple(() =>
        {
            Assert.That(done, Is.Not.Empty, "calls under the cap run");
            Assert.That(refused, Is.Not.Empty, "calls past the cap are refused");
            Assert.That(spent, Is.LessThanOrEqualTo(CapUsd));
            Assert.That(ledgerMicroUsd, Is.LessThanOrEqualTo((long)(CapUsd * 1_000_000m)));
            Assert.That(refused.All(j => j.GetProperty("error").GetString()!.Contains("daily AI spend cap", StringComparison.Ordinal)), Is.True);
            Assert.That(_providers.LogEntries.Count, Is.EqualTo(done.Length), "no refused prompt reached the provider");
        });
    }
}
