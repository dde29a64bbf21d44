using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Jobs;

/// <summary>The queue's promises, against the real worker: poison jobs, fencing, retention.</summary>
public sealed class QueueTests
{
    private WireMockServer _providers = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IHost _worker = null!;
    private IDatabase _redis = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var db = await RedisServer.TakeDatabaseAsync();
        _redis = RedisServer.Connection.GetDatabase(db);
        _providers = WireMockServer.Start();
        _providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("ok"));
        _api = new ApiFactory(RedisServer.Url(db));
        _client = _api.CreateClient();
        var settings = WorkerHost.TestSettings(RedisServer.Url(db));
        settings["GEMINI_API_URL"] = _providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        settings["JOB_RETENTION_HOURS"] = "0.0005"; // 1.8 s
        _worker = await WorkerHost.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        _client.Dispose();
        await _api.DisposeAsync();
        _providers.Stop();
    }

    private Task<string> PostPromptAsync(string prompt) =>
        _client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt });

    [Test]
    public async Task UnreadableJobs_GoToTheDeadList_AndTheLoopGoesOn()
    {
        await _redis.ListLeftPushAsync("ai-infer:jobs", "{not json");
        await _redis.ListLeftPushAsync("ai-infer:jobs", """{"id":"whales:1","prompt":"wrong queue"}""");
        await _redis.ListLeftPushAsync("ai-infer:jobs", """{"id":"ai-infer:7","provider":"gemini"}""");
        await _redis.HashSetAsync("ai-infer:status", "ai-infer:7", "queued");

        var jobId = await PostPromptAsync("after the poison");
        var job = await _client.FinishedJobAsync(jobId);

        var dead = (await _redis.ListRangeAsync("ai-infer:dead")).Select(d => JsonDocument.Parse((string)d!).RootElement).ToArray();
        var missingFields = await _client.FinishedJobAsync("ai-infer:7");
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(dead.Select(d => d.GetProperty("job").GetString()), Is.SupersetOf(new[] { "{not json", """{"id":"whales:1","prompt":"wrong queue"}""" }));
            Assert.That(dead.All(d => d.GetProperty("error").GetString()!.Length > 0), Is.True);
            Assert.That(missingFields.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(missingFields.GetProperty("error").GetString(), Does.Contain("provider, model and prompt"));
        });
    }

    [Test]
    public async Task StaleClaim_CannotFinishAJobThatWasReclaimed()
    {
        var store = _worker.Services.GetRequiredService<JobStore>();
        const string jobId = "ai-infer:42";
        const string raw = """{"id":"ai-infer:42","provider":"gemini"}""";
        var zombie = await store.ClaimAsync("ai-infer", jobId, raw);
        var current = await store.ClaimAsync("ai-infer", jobId, raw);

        var zombieWon = await store.CompleteAsync(zombie, new JobResult("""{"text":"stale"}"""u8.ToArray(), IsLatest: false));

        Assert.Multiple(async () =>
        {
            Assert.That(zombieWon, Is.False);
            Assert.That(current.Token, Is.GreaterThan(zombie.Token));
            Assert.That((string?)await _redis.HashGetAsync("ai-infer:status", jobId), Is.EqualTo("processing"));
            Assert.That(await _redis.HashExistsAsync($"job:{jobId}", "result"), Is.False);
        });
    }

    [Test]
    public async Task FinishedJobs_ExpireAfterRetention_StatusPrunedAndGetIs404()
    {
        var jobId = await PostPromptAsync("short-lived");
        Assert.That((await _client.FinishedJobAsync(jobId)).GetProperty("status").GetString(), Is.EqualTo("done"));

        await Eventually.TrueAsync(
            async () => !await _redis.HashExistsAsync("ai-infer:status", jobId) && !await _redis.KeyExistsAsync($"job:{jobId}"),
            TimeSpan.FromSeconds(15),
            "the status and the job hash are gone");

        var response = await _client.GetAsync($"/api/jobs/{jobId}");
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        Assert.That(await _redis.SortedSetScoreAsync("ai-infer:finished", jobId), Is.Null);
    }

    [Test]
    public async Task LongPoll_ReturnsAsSoonAsTheJobFinishes()
    {
        _providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("slowish"), delay: TimeSpan.FromMilliseconds(500));
        var jobId = await _client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = "wait for me" });

        var job = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}?wait=20");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("slowish"));
    }
}
