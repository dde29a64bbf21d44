using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Deployment;

/// <summary>
/// The whole backend on a real three-primary Redis Cluster with <c>REDIS_KEY_MODE=cluster</c>, as processes wired like
/// <c>scripts/start.sh</c>: every endpoint and queue works, a killed worker's job is finished by another, and no node
/// ever answered an error (a CROSSSLOT above all), which the last test reads from every node (docs/redis-keys.md).
/// </summary>
[NonParallelizable]
public sealed class RedisClusterTests
{
    private RedisCluster _cluster = null!;
    private ServiceStack _stack = null!;
    private HttpClient _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _cluster = await RedisCluster.StartAsync();
        _stack = await ServiceStack.StartAsync(_cluster);
        _api = new HttpClient { BaseAddress = new Uri(_stack.ApiUrl) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _api?.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task AiInfer_OnACluster_DoneWithTheSandboxAnswer_AndLongPollWakes()
    {
        var jobId = await _api.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "cluster?", maxTokens = 32 });
        var job = await _api.FinishedJobAsync(jobId);

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), _stack.Logs);
            Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.Not.Empty);
        });
    }

    [Test, Order(1)]
    public async Task KeysOfAJob_OnACluster_CarryItsQueuesHashTag()
    {
        var jobId = await _api.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "tagged?", maxTokens = 8 });
        await _api.FinishedJobAsync(jobId);
        var redis = _stack.Redis.GetDatabase();

        Assert.Multiple(async () =>
        {
            Assert.That((string?)await redis.HashGetAsync("{ai-infer}:status", jobId), Is.EqualTo("done"));
            Assert.That((string?)await redis.HashGetAsync($"{{ai-infer}}:job:{jobId}", "result"), Does.Contain("text"));
            Assert.That(await redis.SortedSetScoreAsync("{ai-infer}:finished", jobId), Is.Not.Null);
            Assert.That(await redis.KeyExistsAsync("ai-infer:status"), Is.False, "no spec-named key beside them");
        });
    }

    [Test, Order(2)]
    public async Task CexSearchWhaleScanAndPostsToEveryQueueAtOnce_OnACluster_AllDone_SharedSearchOnce()
    {
        // Concurrent posts of different queues ride one group commit in the API: on a cluster it splits them by slot.
        var posts = Enumerable.Range(0, 12).Select(i => (i % 3) switch
        {
            0 => _api.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = $"p{i}" }),
            1 => _api.PostJobAsync("/api/whales/scan", new { }),
            _ => _api.PostJobAsync("/api/cex-radar/search", new { query = "OPTIMUS" }),
        }).ToArray();
        var jobIds = await Task.WhenAll(posts);
        var jobs = await Task.WhenAll(jobIds.Distinct().Select(id => _api.FinishedJobAsync(id, timeoutSeconds: 60)));
        var top3 = await _api.GetFromJsonAsync<JsonElement>("/api/whales/top3");
        var radar = await _api.GetFromJsonAsync<JsonElement>("/api/cex-radar/result");

        Assert.Multiple(() =>
        {
            Assert.That(jobs.Select(j => j.GetProperty("status").GetString()), Is.All.EqualTo("done"), _stack.Logs);
            Assert.That(jobIds.Where((_, i) => i % 3 == 2).Distinct().Count(), Is.EqualTo(1), "identical searches share one job");
            Assert.That(top3.ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(radar.GetArrayLength(), Is.GreaterThan(0), "the search's result is served");
        });
    }

    [Test, Order(3)]
    public async Task MintFeed_OnACluster_FillsFromTheSandboxPoller()
    {
        var rows = await Eventually.ResultAsync(
            async () =>
            {
                var feed = await _api.GetFromJsonAsync<JsonElement>("/api/helius/mints?limit=50");
                return feed.GetArrayLength() > 0 ? feed : throw new InvalidOperationException("the feed is still empty");
            },
            TimeSpan.FromSeconds(60));

        Assert.That(rows.EnumerateArray().Select(r => r.GetProperty("mint").GetString()), Is.All.Not.Empty, _stack.Logs);
    }

    [Test, Order(4)]
    public async Task Webhook_OnACluster_QueuesTheCreate_AndItsRowJoinsTheFeed()
    {
        var (auth, body) = PostmanWebhookDelivery();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/helius/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", auth);
        using var answer = await _api.SendAsync(request);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        var jobId = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobIds")[0].GetString()!;

        var job = await _api.FinishedJobAsync(jobId, timeoutSeconds: 60);
        var feed = await _api.GetFromJsonAsync<JsonElement>("/api/helius/mints?limit=100");

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), _stack.Logs);
            Assert.That(feed.EnumerateArray().Select(r => r.GetProperty("mint").GetString()), Does.Contain("HooKsandbox11111111111111111111111111pump"));
        });
    }

    [Test, Order(5)]
    public async Task Ops_OnACluster_QueuesHistoryPauseResumeSearchDetailWorkersAndEvents()
    {
        await using var events = await SseStream.OpenAsync(_api);
        Assert.That((await _api.PostAsync("/api/ops/queues/whales/pause", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var held = await _api.PostJobAsync("/api/whales/scan", new { });
        var whilePaused = await QueueAsync("whales");
        Assert.That((await _api.PostAsync("/api/ops/queues/whales/resume", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var done = await _api.FinishedJobAsync(held, timeoutSeconds: 60);
        var jobEvent = await events.NextAsync(e => e.JobId == held);

        var history = await _api.GetFromJsonAsync<JsonElement[]>("/api/ops/queues/whales/history?minutes=10");
        var found = await _api.GetFromJsonAsync<JsonElement>($"/api/ops/jobs?queue=whales&q={Uri.EscapeDataString(held)}");
        var detail = await _api.GetFromJsonAsync<JsonElement>($"/api/ops/jobs/{held}");
        var workers = await _api.GetFromJsonAsync<JsonElement[]>("/api/ops/workers");

        Assert.Multiple(() =>
        {
            Assert.That(whilePaused.GetProperty("paused").GetBoolean(), Is.True);
            Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("done"), _stack.Logs);
            Assert.That(jobEvent.Json.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(history!.Sum(m => m.GetProperty("done").GetInt64()), Is.GreaterThan(0), "the finish script counted it in its minute");
            Assert.That(found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { held }));
            Assert.That(detail.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(detail.GetProperty("attempt_count").GetInt32(), Is.EqualTo(1));
            Assert.That(workers!, Is.Not.Empty);
        });
    }

    [Test, Order(6)]
    public async Task DeadLetters_OnACluster_FailedJobRetriedToDone_AnotherDeleted()
    {
        await _stack.SetFaultAsync("500", "/groq/*");
        var retried = await _api.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "dead then retried" });
        var deleted = await _api.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "dead then deleted" });
        Assert.That((await _api.FinishedJobAsync(retried, timeoutSeconds: 60)).GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That((await _api.FinishedJobAsync(deleted, timeoutSeconds: 60)).GetProperty("status").GetString(), Is.EqualTo("failed"));
        await _stack.SetFaultAsync("none", "/groq/*");

        var dead = await _api.GetFromJsonAsync<JsonElement>("/api/ops/dead?queue=ai-infer");
        var retry = await (await _api.PostAsJsonAsync("/api/ops/dead/ai-infer/retry", new { ids = new[] { retried } })).Content.ReadFromJsonAsync<JsonElement>();
        var delete = await (await _api.PostAsJsonAsync("/api/ops/dead/ai-infer/delete", new { ids = new[] { deleted } })).Content.ReadFromJsonAsync<JsonElement>();
        var again = await _api.FinishedJobAsync(retried, timeoutSeconds: 60);
        var left = await _api.GetFromJsonAsync<JsonElement>("/api/ops/dead?queue=ai-infer");

        Assert.Multiple(() =>
        {
            Assert.That(dead.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()), Is.SupersetOf(new[] { retried, deleted }));
            Assert.That(retry.GetProperty("retried").GetInt32(), Is.EqualTo(1));
            Assert.That(delete.GetProperty("deleted").GetInt32(), Is.EqualTo(1));
            Assert.That(again.GetProperty("status").GetString(), Is.EqualTo("done"), _stack.Logs);
            Assert.That(left.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()), Has.None.AnyOf(retried, deleted));
        });
    }

    [Test, Order(7)]
    public async Task WorkerKilledHoldingAJob_OnACluster_AnotherWorkerFinishesIt()
    {
        await _stack.SetFaultAsync("timeout", "/gemini/*");
        var jobId = await _api.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "held when killed" });
        await Eventually.TrueAsync(
            async () => (await _api.GetFromJsonAsync<JsonElement>($"/api/ops/jobs/{jobId}")).GetProperty("status").GetString() == "processing",
            TimeSpan.FromSeconds(30),
            "the first worker holds the job");

        await _stack.Worker.KillAsync();
        await _stack.SetFaultAsync("none", "/gemini/*");
        _stack.StartWorker(new Dictionary<string, string?> { ["WORKER_ID"] = "cluster-survivor" });
        var job = await _api.FinishedJobAsync(jobId, timeoutSeconds: 60);
        var detail = await _api.GetFromJsonAsync<JsonElement>($"/api/ops/jobs/{jobId}");

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), _stack.Logs);
            Assert.That(detail.GetProperty("worker").GetString(), Is.EqualTo("cluster-survivor"));
            Assert.That(detail.GetProperty("attempt_count").GetInt32(), Is.EqualTo(2), "the killed claim counts");
        });
    }

    [Test, Order(99)]
    public async Task EveryKey_AfterEveryEndpointAndQueue_IsTaggedOrOfTheSharedFamilies()
    {
        // Beside the error counters, the names themselves: a key built from an untagged prefix, or named outside
        // QueueKeys and RedisKeys, shows here under its spec name (docs/redis-keys.md).
        string[] shared = ["workers", "worker:", "lock:", "metrics:", "helius:symbol:", "birdeye:price:sol"];
        var keys = new List<string>();
        foreach (var server in _stack.Redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 1000))
            {
                keys.Add(key!);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(keys, Has.Some.StartsWith("{ai-infer}:").And.Some.StartsWith("{helius-mints}:").And.Some.StartsWith("{limits}:"));
            Assert.That(keys.Where(k => !k.StartsWith('{') && !shared.Any(k.StartsWith)), Is.Empty, "keys outside the cluster naming");
        });
    }

    [Test, Order(100)]
    public async Task EveryNode_AfterEveryEndpointAndQueue_CountedNoErrorAtAll()
    {
        // Wait for one more reaper pass and heartbeat over the survivor's first jobs, so their paths are counted too.
        await Eventually.TrueAsync(
            async () => (await _api.GetFromJsonAsync<JsonElement[]>("/api/ops/workers"))!.Any(w => w.GetProperty("id").GetString() == "cluster-survivor"),
            TimeSpan.FromSeconds(30),
            "the survivor is listed");

        Assert.That(await _cluster.ErrorStatsAsync(), Is.Empty, "INFO errorstats (a CROSSSLOT, a MOVED, a refused SELECT…) on some node");
    }

    private async Task<JsonElement> QueueAsync(string queue) =>
        (await _api.GetFromJsonAsync<JsonElement[]>("/api/ops/queues"))!.Single(q => q.GetProperty("queue").GetString() == queue);

    /// <summary>The Postman collection's signed webhook delivery (a pump.fun create in the sandbox's world) and its Authorization.</summary>
    private static (string Auth, string Body) PostmanWebhookDelivery()
    {
        var root = EnvExampleTests.RepositoryRoot();
        using var collection = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "postman", "alpha2.postman_collection.json")));
        using var environment = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "postman", "alpha2.postman_environment.json")));
        var request = Requests(collection.RootElement).First(r =>
            r.GetProperty("url").GetProperty("raw").GetString()!.EndsWith("/api/helius/webhook", StringComparison.Ordinal)
            && r.TryGetProperty("header", out var headers) && headers.EnumerateArray().Any(h => h.GetProperty("key").GetString() == "Authorization"));
        var auth = environment.RootElement.GetProperty("values").EnumerateArray().First(v => v.GetProperty("key").GetString() == "webhookAuth").GetProperty("value").GetString()!;
        return (auth, request.GetProperty("body").GetProperty("raw").GetString()!);
    }

    private static IEnumerable<JsonElement> Requests(JsonElement node) =>
        node.TryGetProperty("item", out var items)
            ? items.EnumerateArray().SelectMany(Requests)
            : node.TryGetProperty("request", out var request) ? [request] : [];
}
