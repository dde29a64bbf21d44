using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.AiInfer;

/// <summary>Provider calls made with sentinel keys, then every log line, span, error body and Redis value scanned for them.</summary>
public sealed class SecretsTests
{
    private const string Sentinel = "SENTINEL";

    private readonly List<string> _bodies = [];
    private CapturedTelemetry _telemetry = null!;
    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    private IDatabase Redis => _stack.Redis;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _telemetry = new CapturedTelemetry();
        _stack = await TestStack.StartAsync(logs: _telemetry);
        await _stack.StartWorkerAsync(logs: _telemetry);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _stack.DisposeAsync();
        _telemetry.Dispose();
    }

    [Test]
    public async Task ProviderCalls_SucceedingAndRefused_LeaveTheKeysNowhere()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("fine"));
        Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiPermissionDenied, status: 403);
        Providers.AnswerGroq(AiFakes.GroqInvalidKey, status: 401);
        await RunAsync("gemini", "gemini-2.5-flash");
        await RunAsync("gemini", "gemini-2.5-flash-lite");
        await RunAsync("groq", "llama-3.1-8b-instant");

        Assert.That(Providers.LogEntries.Any(e => e.RequestMessage.Headers!.Values.Any(v => v.Any(h => h.Contains(Sentinel, StringComparison.Ordinal)))),
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
        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider, model, prompt = "secret-free prompt" });
        await Client.FinishedJobAsync(jobId);
        _bodies.Add(await Client.GetStringAsync($"/api/jobs/{jobId}"));
    }

    private async Task<List<string>> RedisValuesAsync()
    {
        var server = RedisServer.Connection.GetServers()[0];
        var values = new List<string>();
        await foreach (var key in server.KeysAsync(Redis.Database))
        {
            values.Add(key!);
            values.AddRange(await Redis.KeyTypeAsync(key) switch
            {
                RedisType.String => [(string)(await Redis.StringGetAsync(key))!],
                RedisType.Hash => (await Redis.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"),
                RedisType.List => (await Redis.ListRangeAsync(key)).Select(v => (string)v!),
                RedisType.Set => (await Redis.SetMembersAsync(key)).Select(v => (string)v!),
                RedisType.SortedSet => (await Redis.SortedSetRangeByRankAsync(key)).Select(v => (string)v!),
                _ => [],
            });
        }

        Assert.That(values, Is.Not.Empty);
        return values;
    }
}
