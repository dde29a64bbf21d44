using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Alpha2.Tests.Ops;

/// <summary>The operator's API against a real Redis, real worker processes and a faked Gemini.</summary>
public sealed class OpsApiTests
{
    private const string Model = "gemini-2.5-flash-lite";

    private TestStack _stack = null!;

    [SetUp]
    public async Task StartAsync() => _stack = await TestStack.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    private HttpClient Client => _stack.Client;

    private Dictionary<string, string?> WorkerSettings(string workerId)
    {
        var settings = _stack.WorkerSettings();
        settings["WORKER_ID"] = workerId;
        settings["GEMINI_RPS"] = "10000";
        // The consumer says when it finds its queue paused: the test's signal that a replica has seen the pause.
        settings["Logging:LogLevel:Alpha2.Queue.Consumer.QueueConsumer"] = "Information";
        return settings;
    }

    private Task<string> PostPromptAsync(string prompt) =>
        Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = Model, prompt, maxTokens = 16 });

    private async Task<JsonElement> QueueAsync(string queue) =>
        (await Client.GetFromJsonAsync<JsonElement[]>("/api/ops/queues"))!.Single(q => q.GetProperty("queue").GetString() == queue);

    private async Task<long> HeartbeatMsAsync(string workerId) => (long)await _stack.Redis.StringGetAsync($"worker:{workerId}:heartbeat");

    [Test]
    public async Task Pause_HoldsAcrossTwoWorkerProcessesForFiveSeconds_ThenResumeDoesAllHundred()
    {
        _stack.Providers.AnswerGemini(Model, AiFakes.GeminiAnswer("ok"));
        var paused = await Client.PostAsync("/api/ops/queues/ai-infer/pause", null);
        Assert.That(paused.StatusCode, Is.EqualTo(HttpStatusCode.OK), await paused.Content.ReadAsStringAsync());

        var jobIds = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            jobIds.Add(await PostPromptAsync($"paused {i}"));
        }

        await using var first = ServiceProcess.Worker(WorkerSettings("pause-a"));
        await using var second = ServiceProcess.Worker(WorkerSettings("pause-b"));
        await Eventually.TrueAsync(
            () => Task.FromResult(first.Output.Contains("Queue ai-infer is paused", StringComparison.Ordinal)
                                  && second.Output.Contains("Queue ai-infer is paused", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "both replicas found ai-infer paused");
        var since = (await HeartbeatMsAsync("pause-a"), await HeartbeatMsAsync("pause-b"));
        await Eventually.TrueAsync(
            async () => await HeartbeatMsAsync("pause-a") - since.Item1 >= 5_000 && await HeartbeatMsAsync("pause-b") - since.Item2 >= 5_000,
            TimeSpan.FromSeconds(30),
            "both replicas lived five more seconds by their own heartbeats");

        var held = await QueueAsync("ai-infer");
        var statuses = await Task.WhenAll(jobIds.Select(id => _stack.Redis.HashGetAsync("ai-infer:status", id)));
        Assert.Multiple(() =>
        {
            Assert.That(held.GetProperty("paused").GetBoolean(), Is.True);
            Assert.That(held.GetProperty("queued").GetInt64(), Is.EqualTo(100), "none claimed, none lost");
            Assert.That(held.GetProperty("processing").GetInt64(), Is.Zero);
            Assert.That(held.GetProperty("workers").GetInt32(), Is.EqualTo(2));
            Assert.That(held.GetProperty("oldest_queued_s").GetDouble(), Is.GreaterThanOrEqualTo(5));
            Assert.That(statuses, Is.All.EqualTo((StackExchange.Redis.RedisValue)"queued"));
            Assert.That(_stack.Providers.LogEntries, Is.Empty, "no job reached the provider");
        });

        var resumed = await Client.PostAsync("/api/ops/queues/ai-infer/resume", null);
        Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(jobIds.Select(id => _stack.Redis.HashGetAsync("ai-infer:status", id)))).All(s => s == "done"),
            TimeSpan.FromSeconds(60),
            "all 100 are done after the resume");

        var after = await QueueAsync("ai-infer");
        var history = await Client.GetFromJsonAsync<JsonElement[]>("/api/ops/queues/ai-infer/history?minutes=5");
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("paused").GetBoolean(), Is.False);
            Assert.That(after.GetProperty("queued").GetInt64(), Is.Zero);
            Assert.That(after.GetProperty("done_1h").GetInt64(), Is.EqualTo(100));
            Assert.That(after.GetProperty("wait_p50_ms").GetDouble(), Is.GreaterThan(1_000), "the jobs waited out the pause");
            Assert.That(after.GetProperty("run_p95_ms").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(history!, Has.Length.EqualTo(5));
            Assert.That(history!.Sum(m => m.GetProperty("done").GetInt64()), Is.EqualTo(100));
        });
    }

    [Test]
    public async Task JobFailedByAProviderFault_LandsInDead_AndBulkRetryByFilterMakesItDone()
    {
        _stack.Providers.AnswerGemini(Model, AiFakes.GeminiInvalidArgument, status: 400);
        await _stack.StartWorkerAsync(settings => settings["GEMINI_RPS"] = "10000");
        var unlucky = await PostPromptAsync("needle in the payload");
        var other = await PostPromptAsync("an unrelated prompt");
        Assert.That((await Client.FinishedJobAsync(unlucky)).GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That((await Client.FinishedJobAsync(other)).GetProperty("status").GetString(), Is.EqualTo("failed"));

        var dead = await Client.GetFromJsonAsync<JsonElement>("/api/ops/dead?queue=ai-infer&q=needle");
        var items = dead.GetProperty("items").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { unlucky }), "the search finds the payload's text");
            Assert.That(items[0].GetProperty("error").GetString(), Does.StartWith("Gemini"));
            Assert.That(items[0].GetProperty("job").GetProperty("prompt").GetString(), Is.EqualTo("needle in the payload"));
        });
        Assert.That((await QueueAsync("ai-infer")).GetProperty("dead").GetInt64(), Is.EqualTo(2));

        _stack.Providers.Reset();
        _stack.Providers.AnswerGemini(Model, AiFakes.GeminiAnswer("healthy again"));
        var retried = await Client.PostAsJsonAsync("/api/ops/dead/ai-infer/retry", new { all = true, q = "needle" });
        Assert.That((await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32(), Is.EqualTo(1));

        var done = await Client.FinishedJobAsync(unlucky);
        var again = await (await Client.PostAsJsonAsync("/api/ops/dead/ai-infer/retry", new { ids = new[] { unlucky } })).Content.ReadFromJsonAsync<JsonElement>();
        var left = await Client.GetFromJsonAsync<JsonElement>("/api/ops/dead?queue=ai-infer");
        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(done.GetProperty("attempts").GetInt32(), Is.EqualTo(1), "attempts were reset by the retry");
            Assert.That(done.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("healthy again"));
            Assert.That(again.GetProperty("retried").GetInt32(), Is.Zero, "retried twice, queued once");
            Assert.That(left.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { other }));
        });

        var deleted = await Client.PostAsJsonAsync("/api/ops/dead/ai-infer/delete", new { all = true });
        Assert.That((await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deleted").GetInt32(), Is.EqualTo(1));
        Assert.That((await QueueAsync("ai-infer")).GetProperty("dead").GetInt64(), Is.Zero, "the dead list is empty after");
    }

    [Test]
    public async Task Search_FindsJobsByPayloadTextAndIdPrefix_NewestFirst_PagedByCursor()
    {
        _stack.Providers.AnswerGemini(Model, AiFakes.GeminiAnswer("ok"));
        await _stack.StartWorkerAsync(settings => settings["GEMINI_RPS"] = "10000");
        var needles = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            needles.Add(await PostPromptAsync($"needle {i}"));
            await Client.FinishedJobAsync(await PostPromptAsync($"hay {i}"));
        }

        foreach (var id in needles)
        {
            await Client.FinishedJobAsync(id);
        }

        var first = await Client.GetFromJsonAsync<JsonElement>("/api/ops/jobs?queue=ai-infer&q=needle&limit=2");
        var second = await Client.GetFromJsonAsync<JsonElement>(
            $"/api/ops/jobs?queue=ai-infer&q=needle&limit=2&cursor={Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!)}");
        var byPrefix = await Client.GetFromJsonAsync<JsonElement>($"/api/ops/jobs?queue=ai-infer&status=done&q={Uri.EscapeDataString(needles[1])}");
        var noneFailed = await Client.GetFromJsonAsync<JsonElement>("/api/ops/jobs?queue=ai-infer&status=failed");
        static string?[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Ids(first).Concat(Ids(second)), Is.EqualTo(Enumerable.Reverse(needles)), "every needle once, newest first, over two pages");
            Assert.That(first.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(Ids(byPrefix), Does.Contain(needles[1]).And.All.StartsWith(needles[1]), "an id prefix finds its job (and those of the same millisecond)");
            Assert.That(Ids(noneFailed), Is.Empty);
        });
    }

    [Test]
    public async Task Detail_ShowsBothAttemptsOfARetriedJob_WithPayloadWorkerTimesResultAndTrace()
    {
        _stack.Providers.Given(Request.Create().WithPath(AiFakes.GeminiPath(Model)).UsingPost()).InScenario("flaky").WillSetStateTo("healthy")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/json").WithBody(AiFakes.GeminiOverloaded));
        _stack.Providers.Given(Request.Create().WithPath(AiFakes.GeminiPath(Model)).UsingPost()).InScenario("flaky").WhenStateIs("healthy")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AiFakes.GeminiAnswer("second time lucky")));
        await _stack.StartWorkerAsync(settings =>
        {
            settings["WORKER_ID"] = "detail-worker";
            settings["GEMINI_RPS"] = "10000";
        });
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = Model, prompt = "retried prompt", maxTokens = 16 }, $"00-{traceId}-00f067aa0ba902b7-01");
        Assert.That((await Client.FinishedJobAsync(jobId)).GetProperty("status").GetString(), Is.EqualTo("done"));

        var detail = await Client.GetFromJsonAsync<JsonElement>($"/api/ops/jobs/{jobId}");
        var attempts = detail.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(detail.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(detail.GetProperty("attempt_count").GetInt32(), Is.EqualTo(2));
            Assert.That(attempts.Select(a => a.GetProperty("claim").GetInt64()), Is.EqualTo(new[] { 1L, 2L }));
            Assert.That(attempts[0].GetProperty("error").GetString(), Does.StartWith("Gemini"), "the first attempt's error");
            Assert.That(attempts[1].GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null), "the second attempt succeeded");
            Assert.That(detail.GetProperty("payload").GetProperty("prompt").GetString(), Is.EqualTo("retried prompt"));
            Assert.That(detail.GetProperty("worker").GetString(), Is.EqualTo("detail-worker"));
            Assert.That(detail.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("second time lucky"));
            Assert.That(detail.GetProperty("trace_id").GetString(), Is.EqualTo(traceId));
            Assert.That(detail.GetProperty("queued_at").GetDateTimeOffset(), Is.LessThanOrEqualTo(detail.GetProperty("started_at").GetDateTimeOffset()));
            Assert.That(detail.GetProperty("started_at").GetDateTimeOffset(), Is.LessThanOrEqualTo(detail.GetProperty("finished_at").GetDateTimeOffset()));
        });
        Assert.That((await Client.GetAsync("/api/ops/jobs/ai-infer:1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task SigkilledWorker_LeavesTheWorkerList_WithinItsHeartbeatTtl()
    {
        var settings = WorkerSettings("doomed");
        settings["WORKER_HEARTBEAT_TTL_SECONDS"] = "2";
        await using var worker = ServiceProcess.Worker(settings);
        await Eventually.TrueAsync(async () => (await WorkersAsync()).Any(w => w.GetProperty("id").GetString() == "doomed"), TimeSpan.FromSeconds(60), "the worker is listed");
        var listed = (await WorkersAsync()).Single(w => w.GetProperty("id").GetString() == "doomed");
        Assert.Multiple(() =>
        {
            Assert.That(listed.GetProperty("pid").GetInt32(), Is.EqualTo(worker.Id));
            Assert.That(listed.GetProperty("queues").EnumerateArray().Select(q => q.GetString()), Is.EquivalentTo(new[] { "ai-infer", "cex-radar", "helius-mints", "whales" }));
            Assert.That(listed.GetProperty("concurrency").GetInt32(), Is.GreaterThan(0));
            Assert.That(listed.GetProperty("heartbeat_age_s").GetDouble(), Is.LessThan(2));
        });

        await worker.KillAsync();
        // The TTL, plus a heartbeat period for the beat that may have landed just before the kill.
        await Eventually.TrueAsync(async () => (await WorkersAsync()).All(w => w.GetProperty("id").GetString() != "doomed"), TimeSpan.FromSeconds(3), "the killed worker is gone");
    }

    private async Task<JsonElement[]> WorkersAsync() => (await Client.GetFromJsonAsync<JsonElement[]>("/api/ops/workers"))!;

    [TestCase("/api/ops/queues/nope/history", HttpStatusCode.NotFound)]
    [TestCase("/api/ops/queues/ai-infer/history?minutes=1441", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/queues/ai-infer/history?minutes=0", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/dead", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/dead?queue=nope", HttpStatusCode.NotFound)]
    [TestCase("/api/ops/dead?queue=ai-infer&cursor=-1", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/dead?queue=ai-infer&cursor=abc", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/dead?queue=ai-infer&limit=100000", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/jobs", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/jobs?queue=nope", HttpStatusCode.NotFound)]
    [TestCase("/api/ops/jobs?queue=ai-infer&status=lost", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/jobs?queue=ai-infer&cursor=x.1", HttpStatusCode.BadRequest)]
    [TestCase("/api/ops/jobs/not-a-job", HttpStatusCode.NotFound)]
    public async Task HostileRead_IsAProblemNever5xx(string path, HttpStatusCode expected)
    {
        var response = await Client.GetAsync(path);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("Exception"));
        });
    }

    [Test]
    public async Task HostileChange_IsAProblemNever5xx()
    {
        var answers = new[]
        {
            await Client.PostAsync("/api/ops/queues/nope/pause", null),
            await Client.PostAsJsonAsync("/api/ops/dead/ai-infer/retry", new { ids = new[] { "whales:1" } }),
            await Client.PostAsJsonAsync("/api/ops/dead/ai-infer/retry", new { }),
            await Client.PostAsJsonAsync("/api/ops/dead/ai-infer/delete", new { all = true, q = new string('x', 10_000) }),
            await Client.PostAsync("/api/ops/dead/ai-infer/retry", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
        };
        Assert.That(answers.Select(a => (int)a.StatusCode), Is.EqualTo(new[] { 404, 400, 400, 400, 400 }));
    }

    [Test]
    public async Task OpsChanges_NeedTheApiKey_AndAreRefusedWhenReadOnly()
    {
        await using var locked = new ApiFactory(_stack.RedisUrl, new Dictionary<string, string?> { ["API_KEY"] = "ops-secret" });
        using var lockedClient = locked.CreateClient();
        await using var readOnly = new ApiFactory(_stack.RedisUrl, new Dictionary<string, string?> { ["OPS_READ_ONLY"] = "true" });
        using var readOnlyClient = readOnly.CreateClient();
        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/api/ops/queues/whales/pause") { Headers = { { "X-API-Key", "ops-secret" } } };

        var withoutKey = await lockedClient.PostAsync("/api/ops/queues/whales/pause", null);
        var refused = await readOnlyClient.PostAsync("/api/ops/queues/whales/pause", null);
        var reads = await readOnlyClient.GetAsync("/api/ops/queues");
        var keyed = await lockedClient.SendAsync(withKey);
        Assert.Multiple(async () =>
        {
            Assert.That(withoutKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(reads.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads stay open");
            Assert.That(keyed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await _stack.Redis.KeyExistsAsync("whales:paused"), Is.True, "only the keyed change went through");
        });
    }
}
