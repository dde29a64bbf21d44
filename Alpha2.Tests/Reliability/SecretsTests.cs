using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Queue.Consumer;
using Alpha2.Sandbox.Providers;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.HeliusMints;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Reliability;

/// <summary>Provider calls made with sentinel keys, then every log line, span, error body and Redis value scanned for them.</summary>
public sealed class SecretsTests
{
    private const string Sentinel = "SENTINEL";
    private const string WebhookSecret = "webhook-secret-SENTINEL";

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
        // Every line an operator could turn on is scanned, the per-request ones included.
        var api = new Dictionary<string, string?> { ["HELIUS_WEBHOOK_AUTH"] = WebhookSecret, ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" };
        _stack = await TestStack.StartAsync(api, logs: _telemetry);
        await _stack.StartWorkerAsync(
            settings =>
            {
                HeliusFakes.Configure(settings, _stack.Providers);
                // As an operator turns the provider calls' lines on; the worker reads it at start (HttpClientLogging).
                settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
            },
            logs: _telemetry);
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
        Providers.Answer(CexFakes.BinancePath, CexFakes.Binance((1, "Binance Will List Optimus AI (OPTIMUS)", 1759753800000)));
        Providers.Answer(CexFakes.BybitPath, CexFakes.Bybit());
        Providers.Answer(CexFakes.OkxPath, CexFakes.Okx());
        Providers.Answer(CexFakes.BirdeyeSearchPath, CexFakes.BirdeyeSearchOptimus);
        Providers.Answer(CexFakes.BirdeyeOverviewPath, CexFakes.BirdeyeOverview(CexFakes.OptimusMint, "OPTIMUS", telegram: null));
        Providers.Answer(CexFakes.ApifyRunPath, """{"error":{"type":"token-not-valid","message":"Authentication token is not valid."}}""", status: 401);
        // The live events an operator watches meanwhile: every job below reaches them, the refused ones as failed.
        await using var events = await SseStream.OpenAsync(Client);
        await RunAsync("gemini", "gemini-2.5-flash");
        await RunAsync("gemini", "gemini-2.5-flash-lite");
        await RunAsync("groq", "llama-3.1-8b-instant");
        var search = await Client.PostJobAsync("/api/cex-radar/search", new { query = "OPTIMUS" });
        await Client.FinishedJobAsync(search);
        _bodies.Add(await Client.GetStringAsync($"/api/jobs/{search}"));
        _bodies.Add(await Client.GetStringAsync("/api/cex-radar/result"));
        // What an operator reads: the refused calls' jobs sit in the dead lists, their errors and payloads shown.
        _bodies.Add(await Client.GetStringAsync("/api/ops/queues"));
        _bodies.Add(await Client.GetStringAsync("/api/ops/workers"));
        _bodies.Add(await Client.GetStringAsync("/api/ops/queues/ai-infer/history?minutes=5"));
        foreach (var queue in new[] { "ai-infer", "cex-radar", "whales", "helius-mints" })
        {
            _bodies.Add(await Client.GetStringAsync($"/api/ops/dead?queue={queue}"));
        }

        await events.NextAsync(e => e.JobId == search);
        _bodies.Add(events.Text);
        Assert.That(events.Text, Does.Contain("event: queues").And.Contain("\"status\":\"failed\""), "the stream was read over the refused calls");
        Assert.That(_bodies, Has.Some.Contains("\"error\":\"Gemini refused"), "the ops answers hold the refused calls' errors");

        var sent = Providers.LogEntries.SelectMany(e => e.RequestMessage.Headers!.Values.SelectMany(v => v)).Where(h => h.Contains(Sentinel, StringComparison.Ordinal)).ToHashSet();
        Assert.That(sent, Is.SupersetOf(new[] { AiFakes.GeminiKey, $"Bearer {AiFakes.GroqKey}", CexFakes.BirdeyeKey, $"Bearer {CexFakes.ApifyToken}" }),
            "every key was really sent");
        Assert.Multiple(async () =>
        {
            Assert.That(_telemetry.Lines, Has.Some.Contains("System.Net.Http.HttpClient.").And.Some.Contains("Microsoft.AspNetCore.Hosting.Diagnostics"),
                "the provider calls' and the requests' own lines were scanned too");
            Assert.That(_telemetry.Lines.Where(l => l.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "logs and spans");
            Assert.That(_bodies.Where(b => b.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "API answers");
            Assert.That((await RedisValuesAsync()).Where(v => v.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "Redis");
        });
    }

    [Test]
    public async Task HeliusKeyInTheQueryString_AndTheWebhookSecret_AppearNowhere()
    {
        var world = new SolanaWorld();
        var dev = SolanaWorld.Wallet("dev");
        world.Add("SecRmint111111111111111111111111111111pump", "SEC").WithCurveHolding(900_000_000).With(dev, 1_000_000).MetadataUri = Providers.Metadata("SEC", null);
        Providers.Serve(world);
        Providers.Answer(HeliusFakes.ProgramHistoryPath, """{"error":"invalid api key provided"}""", status: 401);
        var delivery = new JsonArray(PumpFunTransactions.Enhanced(
            new("sig-sec", "SecRmint111111111111111111111111111111pump", dev, "SEC", 1_000_000, 1759751050)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/helius/webhook") { Content = JsonContent.Create(delivery) };
        request.Headers.TryAddWithoutValidation("Authorization", WebhookSecret);
        var receipt = await (await Client.SendAsync(request)).Content.ReadAsStringAsync();
        var jobId = JsonDocument.Parse(receipt).RootElement.GetProperty("jobIds")[0].GetString()!;
        await Client.FinishedJobAsync(jobId);
        _bodies.AddRange([receipt, await Client.GetStringAsync($"/api/jobs/{jobId}"), await Client.GetStringAsync("/api/helius/mints")]);
        var poller = _stack.Worker.Services.GetRequiredService<MintPoller>();
        var refused = Assert.ThrowsAsync<JobFailedException>(() => poller.RunOnceAsync(CancellationToken.None));
        _bodies.Add(refused!.Message);

        var queries = Providers.LogEntries.Select(e => e.RequestMessage.Url).Where(u => u.Contains(HeliusFakes.HeliusKey, StringComparison.Ordinal)).ToArray();
        Assert.That(queries, Has.Length.GreaterThanOrEqualTo(4), "the key was really sent: RPC, enhanced API");
        Assert.Multiple(async () =>
        {
            Assert.That(refused.Message, Does.Contain("HELIUS_API_KEY"));
            Assert.That(_telemetry.Lines.Where(l => l.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "logs and spans");
            Assert.That(_bodies.Where(b => b.Contains(Sentinel, StringComparison.Ordinal)), Is.Empty, "API answers and errors");
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
