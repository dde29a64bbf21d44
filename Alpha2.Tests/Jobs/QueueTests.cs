using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Queue.Consumer;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Jobs;

/// <summary>The queue's promises, against the real worker: poison jobs, fencing, retention.</summary>
public sealed class QueueTests
{
    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    private IDatabase Redis => _stack.Redis;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("ok"));
        await _stack.StartWorkerAsync(settings => settings["JOB_RETENTION_HOURS"] = "0.0005"); // 1.8 s
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    private Task<string> PostPromptAsync(string prompt) =>
        Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt });

    [Test]
    public async Task UnreadableJobs_GoToTheDeadList_AndTheLoopGoesOn()
    {
        await Redis.ListLeftPushAsync("ai-infer:jobs", "{not json");
        await Redis.ListLeftPushAsync("ai-infer:jobs", """{"id":"whales:1","prompt":"wrong queue"}""");
        await Redis.ListLeftPushAsync("ai-infer:jobs", """{"id":"ai-infer:7","provider":"gemini"}""");
        await Redis.HashSetAsync("ai-infer:status", "ai-infer:7", "queued");

        var jobId = await PostPromptAsync("after the poison");
        var job = await Client.FinishedJobAsync(jobId);

        // Read from the dead list, which outlives this fixture's 1.8 s retention of statuses and results.
        var dead = (await Redis.ListRangeAsync("ai-infer:dead")).Select(d => JsonDocument.Parse((string)d!).RootElement).ToArray();
        var missingFields = dead.Single(d => d.GetProperty("id").GetString() == "ai-infer:7");
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(dead.Select(d => d.GetProperty("job").GetString()), Is.SupersetOf(new[] { "{not json", """{"id":"whales:1","prompt":"wrong queue"}""" }));
            Assert.That(dead.All(d => d.GetProperty("error").GetString()!.Length > 0), Is.True);
            Assert.That(missingFields.GetProperty("error").GetString(), Does.Contain("provider, model and prompt"));
        });
    }

    [Test]
    public async Task StaleClaim_CannotFinishAJobThatWasReclaimed()
    {
        var store = _stack.Worker.Services.GetRequiredService<JobStore>();
        const string jobId = "ai-infer:42";
        const string raw = """{"id":"ai-infer:42","provider":"gemini"}""";
        var zombie = await store.ClaimAsync("ai-infer", jobId, raw);
        var current = await store.ClaimAsync("ai-infer", jobId, raw);

        var zombieWon = await store.CompleteAsync(zombie, new JobResult("""{"text":"stale"}"""u8.ToArray(), IsLatest: false));

        Assert.Multiple(async () =>
        {
            Assert.That(zombieWon, Is.False);
            Assert.That(current.Token, Is.GreaterThan(zombie.Token));
            Assert.That((string?)await Redis.HashGetAsync("ai-infer:status", jobId), Is.EqualTo("processing"));
            Assert.That(await Redis.HashExistsAsync($"job:{jobId}", "result"), Is.False);
        });
    }

    [Test]
    public async Task AJobInADeadWorkersLandingList_IsReturnedByTheReaper_AndDone()
    {
        // Where an idle worker's BLMOVE puts a job for the claim queued behind it: a worker that died between the two
        // leaves it there.
        const string jobId = "ai-infer:landed-1";
        await Redis.HashSetAsync("ai-infer:status", jobId, "queued");
        await Redis.ListLeftPushAsync("ai-infer:landing:ghost", $$"""{"id":"{{jobId}}","provider":"gemini","model":"gemini-2.5-flash","prompt":"landed"}""");
        await Redis.SetAddAsync("workers", "ghost");

        var job = await Client.FinishedJobAsync(jobId);

        Assert.Multiple(async () =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("ok"));
            Assert.That(await Redis.ListLengthAsync("ai-infer:landing:ghost"), Is.Zero);
            Assert.That(await Redis.SetContainsAsync("workers", "ghost"), Is.False);
        });
    }

    [Test]
    public async Task FinishedJobs_ExpireAfterRetention_StatusPrunedAndGetIs404()
    {
        var jobId = await PostPromptAsync("short-lived");
        Assert.That((await Client.FinishedJobAsync(jobId)).GetProperty("status").GetString(), Is.EqualTo("done"));

        await Eventually.TrueAsync(
            async () => !await Redis.HashExistsAsync("ai-infer:status", jobId) && !await Redis.KeyExistsAsync($"job:{jobId}"),
            TimeSpan.FromSeconds(15),
            "the status and the job hash are gone");

        var response = await Client.GetAsync($"/api/jobs/{jobId}");
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        Assert.That(await Redis.SortedSetScoreAsync("ai-infer:finished", jobId), Is.Null);
    }

    [Test]
    public async Task LongPoll_ReturnsAsSoonAsTheJobFinishes()
    {
        Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("slowish"), delay: TimeSpan.FromMilliseconds(500));
        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = "wait for me" });

        var job = await Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}?wait=20");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("slowish"));
    }
}
