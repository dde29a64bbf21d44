using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Providers.Gemini;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alpha2.Tests.AiInfer;

/// <summary>
/// Quotas that will not recover soon fail a prompt at once and stop calls to that model until the reset; a long
/// Retry-After parks the job instead of holding its slot (docs/domain.md §6, docs/providers.md §5.2, §8).
/// </summary>
public sealed class AiQuotaTests
{
    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        await _stack.StartWorkerAsync(settings =>
        {
            settings["PROVIDER_RETRIES"] = "2";
            settings["PROVIDER_RETRY_DELAY_MS"] = "10";
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    // Each test blocks a model of its own: a worker rereads the blocks only once a second (AiQuotaBlocks.Freshness), so
    // one cleared here may still hold there for the next test.
    [SetUp]
    public async Task ResetAsync()
    {
        Providers.Reset();
        await _stack.Redis.KeyDeleteAsync(RedisKeys.AiQuotaBlocks);
    }

    [Test]
    public async Task GeminiDailyQuota_FailsAtOnce_SayingWhichQuotaAndUntilMidnightPacific_AndStopsCallsToThatModel()
    {
        const string model = "gemini-2.5-flash";
        Throttle(AiFakes.GeminiPath(model), AiFakes.GeminiDailyQuota(model, limit: 250));
        var before = DateTimeOffset.UtcNow;

        var first = await RunAsync("gemini", model, "daily");

        Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(first.GetProperty("attempts").GetInt32(), Is.EqualTo(1));
        var until = GeminiQuota.NextPacificMidnight(before);
        Assert.That(first.GetProperty("error").GetString(), Is.EqualTo(
            "Gemini's quota GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 250 for gemini-2.5-flash is used up; "
            + $"prompts to it stop until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Use gemini-2.5-flash-lite meanwhile."));
        Assert.That(CallsTo(AiFakes.GeminiPath(model)), Is.EqualTo(1), "no retry of a quota that cannot recover within the call");

        var second = await RunAsync("gemini", model, "again");

        Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(second.GetProperty("error").GetString(), Does.StartWith("Gemini's quota GenerateRequestsPerDay").And.EndWith("The prompt was not sent."));
        Assert.That(CallsTo(AiFakes.GeminiPath(model)), Is.EqualTo(1), "the blocked model was not called");
        Assert.That(await BlockedUntilAsync(model), Is.EqualTo(until.ToUnixTimeSeconds()));
    }

    [Test]
    public async Task GeminiFreeTierLimitZero_FailsSayingTheKeyHasNoQuotaForTheModel_TheProvidersOtherModelsAnswer_AndThePanelSuggestsOne()
    {
        const string model = "gemini-2.5-pro";
        Throttle(AiFakes.GeminiPath(model), AiFakes.GeminiFreeTierLimitZero(model));
        Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("lite still answers"));

        var job = await RunAsync("gemini", model, "zero");

        Assert.That(job.GetProperty("error").GetString(), Does.StartWith(
            "Gemini allows gemini-2.5-pro no calls on this key (GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 0); prompts to it stop until ")
            .And.EndWith("Use gemini-2.5-flash-lite meanwhile."));
        var suggestion = await SuggestionAsync("en");
        Assert.That(suggestion, Does.StartWith("Gemini gemini-2.5-pro: no quota on this key (GenerateRequestsPerDayPerProjectPerModel-FreeTier, limit 0) until ")
            .And.EndWith("; switch to gemini-2.5-flash-lite"));
        Assert.That(await SuggestionAsync("ru"), Does.Contain("нет квоты для этого ключа").And.EndWith("; перейти на gemini-2.5-flash-lite"));

        var other = await RunAsync("gemini", "gemini-2.5-flash-lite", "lite");

        Assert.That(other.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(await BlockedUntilAsync("gemini-2.5-flash-lite"), Is.Null);
    }

    [Test]
    public async Task GroqDailyTokens_FailsAtOnce_BlockedUntilTheWaitItsMessageGives_AndNamesTheCheaperGroqModel()
    {
        const string model = "llama-3.3-70b-versatile";
        Throttle(AiFakes.GroqPath, AiFakes.GroqDailyTokens(model), retryAfter: "578");
        var before = DateTimeOffset.UtcNow;

        var job = await RunAsync("groq", model, "tpd");
        var after = DateTimeOffset.UtcNow;

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.StartWith(
            "Groq's quota tokens per day (TPD), limit 100000 for llama-3.3-70b-versatile is used up; prompts to it stop until ")
            .And.EndWith("Use llama-3.1-8b-instant meanwhile."));
        Assert.That(CallsTo(AiFakes.GroqPath), Is.EqualTo(1));
        // "Please try again in 9m38.016s".
        var wait = TimeSpan.FromSeconds(9 * 60 + 38.016);
        Assert.That(await BlockedUntilAsync(model), Is.InRange((before + wait).ToUnixTimeSeconds() - 1, (after + wait).ToUnixTimeSeconds() + 1));
        Assert.That(await SuggestionAsync("en"), Does.StartWith("Groq llama-3.3-70b-versatile: quota tokens per day (TPD), limit 100000 used up until ")
            .And.EndWith("; switch to llama-3.1-8b-instant"));
    }

    [Test]
    public async Task RetryAfterLongerThanACallWaits_ParksTheJobInTheDelayedSet_WithoutRetryingTheCall_AndItRunsWhenDue()
    {
        const string model = "llama-3.1-8b-instant";
        Providers.Given(Request.Create().WithPath(AiFakes.GroqPath).UsingPost()).InScenario("tpm").WillSetStateTo("ok")
            .RespondWith(Throttled(AiFakes.GroqRateLimited, "120"));
        Providers.Given(Request.Create().WithPath(AiFakes.GroqPath).UsingPost()).InScenario("tpm").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AiFakes.GroqAnswer("after two minutes")));
        var before = DateTimeOffset.UtcNow;

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "groq", model, prompt = "tpm" });
        var parked = await Eventually.ResultAsync(
            async () => (await _stack.Redis.SortedSetRangeByScoreWithScoresAsync(QueueKeys.Delayed(QueueNames.AiInfer)))
                .Single(e => e.Element.ToString().Contains(jobId, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));

        Assert.That(parked.Score, Is.GreaterThanOrEqualTo((before + TimeSpan.FromSeconds(120)).ToUnixTimeMilliseconds()), "due no earlier than Retry-After");
        Assert.That(CallsTo(AiFakes.GroqPath), Is.EqualTo(1), "the pipeline did not sleep and call again");
        var waiting = await Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        Assert.That(waiting.GetProperty("status").GetString(), Is.EqualTo("queued"));
        Assert.That(waiting.GetProperty("error").GetString(), Does.Contain("rate limiting or timed out (429)"));

        // Two minutes on: make it due now, and the reaper hands it back to the queue.
        await _stack.Redis.SortedSetAddAsync(QueueKeys.Delayed(QueueNames.AiInfer), parked.Element, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var done = await Client.FinishedJobAsync(jobId);

        Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(done.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("after two minutes"));
        Assert.That(done.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
    }

    private async Task<JsonElement> RunAsync(string provider, string model, string prompt)
    {
        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider, model, prompt });
        return await Client.FinishedJobAsync(jobId, timeoutSeconds: 60);
    }

    private void Throttle(string path, string body, string? retryAfter = null) =>
        Providers.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Throttled(body, retryAfter));

    private static IResponseBuilder Throttled(string body, string? retryAfter)
    {
        var response = Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json").WithBody(body);
        return retryAfter is null ? response : response.WithHeader("retry-after", retryAfter);
    }

    private int CallsTo(string path) => Providers.LogEntries.Count(e => e.RequestMessage.Path == path);

    private async Task<long?> BlockedUntilAsync(string model)
    {
        var catalog = await Client.GetFromJsonAsync<JsonElement>("/api/ai/models");
        var entry = catalog.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model);
        return entry.TryGetProperty("blocked_until", out var until) ? until.GetInt64() : null;
    }

    private async Task<string?> SuggestionAsync(string lang) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/metrics/latency-usage?lang={lang}")).GetProperty("suggestion").GetString();
}
