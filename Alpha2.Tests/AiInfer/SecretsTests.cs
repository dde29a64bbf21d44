using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.AiInfer;

/// <summary>Provider calls made with sentinel keys, then every log line, span, error body and Redis value scanned for them.</summary>
public sealed class SecretsTests
{
    private const string Sentinel = "SENTINEL";

    private WireMockServer _providers = null!;
    private CapturedTelemetry _telemetry = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IHost _worker = null!;
    private IDatabase _redis = null!;
    private readonly List<string> _bodies = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var db = await RedisServer.TakeDatabaseAsync();
        _redis = RedisServer.Connection.GetDatabase(db);
        _providers = WireMockServer.Start();
        _telemetry = new CapturedTelemetry();
        _api = new ApiFactory(RedisServer.Url(db), logs: _telemetry);
        _client = _api.CreateClient();
        var settings = WorkerHost.TestSettings(RedisServer.Url(db));
        settings["GEMINI_API_URL"] = _providers.Url;
        settings["GROQ_API_URL"] = _providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        settings["GROQ_API_KEY"] = AiFakes.GroqKey;
        _worker = await WorkerHost.StartAsync(settings, _telemetry);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        _client.Dispose();
        await _api.DisposeAsync();
        _providers.Stop();
        _telemetry.Dispose();
    }

    [Test]
    public async Task ProviderCalls_SucceedingAndRefused_LeaveTheKeysNowhere()
    {
        _providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("fine"));
        _providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiPermissionDenied, status: 403);
        _providers.AnswerGroq(AiFakes.GroqInvalidKey, status: 401);
        await RunAsync("gemini", "gemini-2.5-flash");
        await RunAsync("gemini", "gemini-2.5-flash-lite");
        await RunAsync("groq", "llama-3.1-8b-instant");

        Assert.That(_providers.LogEntries.Any(e => e.RequestMessage.Headers!.Values.Any(v => v.Any(h => h.Contains(Sentinel, StringComparison.Ordinal)))),
            Is.True, "the keys were really sent");
        Assert.Multiple(async () =>
        {
            Assert.That(_telemetry.Lines, Is.Not.Empty);
            Assert.That(_telemetry.Lines.Where(l => l.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "logs and spans");
            Assert.That(_bodies.Where(b => b.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "API answers");
            Assert.That((await RedisValuesAsync()).Where(v => v.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "Redis");
        });
    }

    private async Task RunAsync(string provider, string model)
    {
        var jobId = await _client.PostJobAsync("/api/ai/infer", new { provider, model, prompt = "secret-free prompt" });
        await _client.FinishedJobAsync(jobId);
        _bodies.Add(await _client.GetStringAsync($"/api/jobs/{jobId}"));
    }

    private async Task<List<string>> RedisValuesAsync()
    {
        var server = RedisServer.Connection.GetServers()[0];
        var values = new List<string>();
        await foreach (var key in server.KeysAsync(_redis.Database))
        {
            values.Add(key!);
            values.AddRange(await _redis.KeyTypeAsync(key) switch
            {
                RedisType.String => [(string)(await _redis.StringGetAsync(key))!],
                RedisType.Hash => (await _redis.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"),
                RedisType.List => (await _redis.ListRangeAsync(key)).Select(v => (string)v!),
                RedisType.Set => (await _redis.SetMembersAsync(key)).Select(v => (string)v!),
                RedisType.SortedSet => (await _redis.SortedSetRangeByRankAsync(key)).Select(v => (string)v!),
                _ => [],
            });
        }

        Assert.That(values, Is.Not.Empty);
        return values;
    }
}
