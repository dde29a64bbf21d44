using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Queue;
using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;

namespace Alpha2.Tests.Api;

public sealed class EnqueueTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IDatabase _redis = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var db = await RedisServer.TakeDatabaseAsync();
        _redis = RedisServer.Connection.GetDatabase(db);
        _api = new ApiFactory(RedisServer.Url(db));
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task CexSearch_Answers202WithJobId_AndQueuesMainPyShapedJson()
    {
        var response = await _client.PostAsJsonAsync("/api/cex-radar/search", new { query = "OPTIMUS" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = body.GetProperty("jobId").GetString()!;
        Assert.That(jobId, Does.Match(@"^cex-radar:\d{13}(-\d+)?$"));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/jobs/{jobId}"));

        var queued = await FindQueuedAsync("cex-radar", jobId);
        Assert.Multiple(() =>
        {
            Assert.That(queued.GetProperty("id").GetString(), Is.EqualTo(jobId));
            Assert.That(queued.GetProperty("query").GetString(), Is.EqualTo("OPTIMUS"));
            Assert.That(queued.GetProperty("traceparent").GetString(), Does.Match("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$"));
        });
        Assert.That((string?)await _redis.HashGetAsync("cex-radar:status", jobId), Is.EqualTo("queued"));
    }

    [Test]
    public async Task CexSearch_InAClientsTrace_QueuesAJobThatCarriesItsTraceId_EvenWithNoSpansRecorded()
    {
        // No OTLP exporter here, so the API records no spans; the request's own activity still continues the trace.
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        var jobId = await _client.PostJobAsync("/api/cex-radar/search", new { query = "TRACED" }, $"00-{traceId}-b7ad6b7169203331-01");

        var queued = await FindQueuedAsync("cex-radar", jobId);
        Assert.That(queued.GetProperty("traceparent").GetString(), Does.StartWith($"00-{traceId}-"));
    }

    [Test]
    public async Task WhaleScan_WithoutBody_QueuesAScanOfTheLatestMints()
    {
        var response = await _client.PostAsync("/api/whales/scan", content: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        Assert.That(jobId, Does.StartWith("whales:"));
        Assert.That((string?)await _redis.HashGetAsync("whales:status", jobId), Is.EqualTo("queued"));
    }

    [Test]
    public async Task Enqueue_TwoThousandConcurrentPosts_AllIdsDistinctWithAJobAndAStatusEach()
    {
        const int posts = 2_000;
        await _redis.KeyDeleteAsync(["ai-infer:jobs", "ai-infer:status"]);
        using var gate = new SemaphoreSlim(64);

        var ids = await Task.WhenAll(Enumerable.Range(0, posts).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await _client.PostAsJsonAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = $"p{i}" });
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
            }
            finally
            {
                gate.Release();
            }
        }));

        var listed = (await _redis.ListRangeAsync("ai-infer:jobs")).Select(j => JsonDocument.Parse((string)j!).RootElement.GetProperty("id").GetString()).ToHashSet();
        Assert.Multiple(async () =>
        {
            Assert.That(ids.Distinct().Count(), Is.EqualTo(posts), "distinct ids");
            Assert.That(await _redis.ListLengthAsync("ai-infer:jobs"), Is.EqualTo(posts), "list entries");
            Assert.That(await _redis.HashLengthAsync("ai-infer:status"), Is.EqualTo(posts), "statuses");
            Assert.That(listed.SetEquals(ids), Is.True, "every id is in the list");
        });
    }

    private async Task<JsonElement> FindQueuedAsync(string queue, string jobId)
    {
        foreach (var raw in await _redis.ListRangeAsync(QueueKeys.Jobs(queue)))
        {
            var job = JsonDocument.Parse((string)raw!).RootElement;
            if (job.GetProperty("id").GetString() == jobId)
            {
                return job;
            }
        }

        Assert.Fail($"{jobId} is not in {queue}:jobs");
        return default;
    }
}
