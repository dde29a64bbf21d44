using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;

namespace Alpha2.Tests.Reliability;

/// <summary>ENQUEUE_MIN_REPLICAS against a real primary and replica: a job is acknowledged only once the replica holds it.</summary>
[NonParallelizable]
public sealed class DurableEnqueueTests
{
    private RedisProcess _primary = null!;
    private RedisProcess _replica = null!;
    private ConnectionMultiplexer _redis = null!;
    private ApiFactory _api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("alpha2-durable-").FullName;
        _primary = new RedisProcess(RedisServer.FreePort(), Directory.CreateDirectory(Path.Combine(directory, "p")).FullName, "--appendonly no");
        _replica = new RedisProcess(RedisServer.FreePort(), Directory.CreateDirectory(Path.Combine(directory, "r")).FullName, $"--appendonly no --replicaof 127.0.0.1 {_primary.Port}");
        _primary.Start();
        _replica.Start();
        _redis = await _primary.ConnectAsync("allowAdmin=true");
        await Eventually.TrueAsync(
            async () => (await _redis.GetServer("127.0.0.1", _primary.Port).InfoAsync("replication")).SelectMany(g => g).Any(p => p.Key == "slave0" && p.Value.Contains("state=online", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20),
            "the replica is in sync");
        _api = new ApiFactory($"redis://127.0.0.1:{_primary.Port}/0", new Dictionary<string, string?>
        {
            ["ENQUEUE_MIN_REPLICAS"] = "1",
            // Generous: on a loaded machine (the whole suite, chromium included) a healthy replica's ack took over 300 ms.
            ["ENQUEUE_REPLICA_TIMEOUT_MS"] = "2000",
        });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _redis.DisposeAsync();
        await _replica.DisposeAsync();
        await _primary.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_primary.Directory)!, recursive: true);
    }

    [Test]
    public async Task TheDurableEnqueueConnection_IsOpenedAtStart_NotByTheFirstPost()
    {
        using var client = _api.CreateClient();

        var live = await client.GetAsync("/health/live");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var clients = (string)(await _redis.GetServer("127.0.0.1", _primary.Port).ExecuteAsync("CLIENT", "LIST"))!;
        Assert.That(clients, Does.Contain("name=alpha2-api-enqueue"), "a burst of first POSTs must not each wait on (and starve) its synchronous connect");
    }

    [Test]
    public async Task WithTheReplicaUp_TheJobIsAcknowledged_AndTheReplicaHoldsIt()
    {
        using var client = _api.CreateClient();

        var answer = await client.PostAsJsonAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "durable" });

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await answer.Content.ReadAsStringAsync());
        var jobId = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        await using var replica = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_replica.Port}");
        // WAIT answered before the 202: the replica already has the job, no waiting here.
        Assert.That((string?)await replica.GetDatabase().HashGetAsync("ai-infer:status", jobId), Is.EqualTo("queued"));
    }

    [Test]
    public async Task WithTheReplicaDown_TheEnqueueIs503WithRetryAfter_AndTheJobIsWithdrawn()
    {
        using var client = _api.CreateClient();
        await KillReplicaAsync();

        var db = _redis.GetDatabase();
        // A job queued before, which the withdrawal must leave where it is.
        await db.ListLeftPushAsync("ai-infer:jobs", """{"id":"ai-infer:earlier","prompt":"queued before"}""");

        var answer = await client.PostAsJsonAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "not durable" });

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(answer.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("replicas"));
        Assert.That((await db.ListRangeAsync("ai-infer:jobs")).Select(j => (string?)j), Is.EqualTo(new[] { """{"id":"ai-infer:earlier","prompt":"queued before"}""" }), "only the refused job left the queue");
        Assert.That(await db.HashLengthAsync("ai-infer:status"), Is.Zero, "and its status went with it");
    }

    [Test]
    public async Task WithTheReplicaDown_ARefusedSearchLeavesNoShare_SoTheClientsRetryIsANewJob()
    {
        using var client = _api.CreateClient();
        await KillReplicaAsync();

        var answer = await client.PostAsJsonAsync("/api/cex-radar/search", new { query = "OPTIMUS" });

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var shares = _redis.GetServer("127.0.0.1", _primary.Port).Keys(pattern: "cex-radar:share:*").Select(k => (string)k!).ToList();
        Assert.That(shares, Is.Empty, "no share points at the withdrawn job");
        Assert.That(await _redis.GetDatabase().ListLengthAsync("cex-radar:jobs"), Is.Zero, "no job waits");
    }

    private async Task KillReplicaAsync()
    {
        await _replica.KillAsync();
        await Eventually.TrueAsync(
            async () => (await _redis.GetServer("127.0.0.1", _primary.Port).InfoAsync("replication")).SelectMany(g => g).Any(p => p.Key == "connected_slaves" && p.Value == "0"),
            TimeSpan.FromSeconds(20),
            "the primary saw its replica go");
    }
}
