using System.Globalization;
using System.Text;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Queue.Ops;
using Alpha2.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Ops;

/// <summary>
/// <c>GET /api/ops/events</c> against a real Redis: job events live and replayed after a reconnect, mint events, and
/// what idle clients cost Redis. One database for the fixture, emptied before each test, and nothing left running
/// between tests: the command counts see this test's API alone.
/// </summary>
public sealed class OpsEventsTests
{
    private const string Model = "gemini-2.5-flash-lite";

    // Commands a window may hold that are not the API's events, beyond the client library's upkeep (Upkeep).
    private const int Noise = 2;

    // What Redis clients send on their own while idle (keep-alive PING or ECHO, the periodic INFO of a configuration
    // check) and the count's own INFO: not the API's events, and on a shared server not this test's alone.
    private static readonly HashSet<string> Upkeep = ["ping", "echo", "info"];

    private readonly List<Func<Task>> _stops = [];
    private int _db;

    private IDatabase Redis => RedisServer.Connection.GetDatabase(_db);

    [OneTimeSetUp]
    public async Task TakeDatabaseAsync() => _db = await RedisServer.TakeDatabaseAsync();

    [SetUp]
    public Task EmptyAsync() => RedisServer.Connection.GetServers()[0].FlushDatabaseAsync(_db);

    [TearDown]
    public async Task StopAsync()
    {
        for (var i = _stops.Count - 1; i >= 0; i--)
        {
            await _stops[i]();
        }

        _stops.Clear();
    }

    [Test]
    public async Task JobEvent_ClientConnectedBeforeThePost_ReceivesTheJobDone()
    {
        var (client, _) = StartApi();
        await StartWorkerAsync();
        await using var events = await SseStream.OpenAsync(client);
        var queues = await events.NextAsync();

        var jobId = await PostPromptAsync(client, "hello");
        var job = await events.NextAsync(e => e.JobId == jobId);
        Assert.Multiple(() =>
        {
            Assert.That(events.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(queues.Type, Is.EqualTo("queues"), "the stream opens with the queues snapshot");
            Assert.That(queues.Id, Is.Null);
            Assert.That(queues.Json.EnumerateArray().Select(q => q.GetProperty("queue").GetString()), Is.EqualTo(QueueNames.All));
            Assert.That(job.Id, Is.Not.Null.And.GreaterThan(0));
            Assert.That(job.Json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "queue", "status" }));
            Assert.That(job.Json.GetProperty("queue").GetString(), Is.EqualTo(QueueNames.AiInfer));
            Assert.That(job.Json.GetProperty("status").GetString(), Is.EqualTo(JobStatus.Done));
        });
    }

    [Test]
    public async Task Reconnect_WithLastEventId_ReplaysTheMissedJobEventsInOrderBeforeLiveOnes()
    {
        var (client, hub) = StartApi();
        await StartWorkerAsync();
        // Stays connected throughout: when it has seen an event, so has the API's replay buffer.
        await using var watcher = await SseStream.OpenAsync(client);
        SseEvent lastSeen;
        await using (var first = await SseStream.OpenAsync(client))
        {
            var before = await PostPromptAsync(client, "before the disconnect");
            lastSeen = await first.NextAsync(e => e.JobId == before);
        }

        await Eventually.TrueAsync(() => Task.FromResult(hub.Clients == 1), TimeSpan.FromSeconds(10), "the first client is gone");
        var missed = new List<string>();
        foreach (var prompt in new[] { "missed one", "missed two" })
        {
            var id = await PostPromptAsync(client, prompt);
            await client.FinishedJobAsync(id);
            missed.Add(id);
        }

        var watched = new[] { await watcher.NextAsync(e => e.JobId == missed[0]), await watcher.NextAsync(e => e.JobId == missed[1]) };

        await using var again = await SseStream.OpenAsync(client, lastSeen.Id);
        var live = await PostPromptAsync(client, "after the reconnect");
        var received = new List<SseEvent>();
        while (received.LastOrDefault()?.JobId != live)
        {
            received.Add(await again.NextJobAsync());
        }

        Assert.Multiple(() =>
        {
            Assert.That(received.Select(e => e.JobId), Is.EqualTo(new[] { missed[0], missed[1], live }), "the missed two, in order, then the live one; nothing seen before");
            Assert.That(received.Take(2).Select(e => e.Id), Is.EqualTo(watched.Select(e => e.Id)), "replayed with the ids they had");
            Assert.That(received.Select(e => e.Id), Is.Ordered.Ascending.And.All.GreaterThan(lastSeen.Id!.Value));
            Assert.That(received.Select(e => e.Json.GetProperty("status").GetString()), Is.All.EqualTo(JobStatus.Done));
        });
    }

    [Test]
    public async Task Replay_GoesBackOneMinuteOnly_AndKeepAlivesAreSent()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var (client, _) = StartApi(clock);
        await using var watcher = await SseStream.OpenAsync(client);
        await watcher.NextAsync();
        await PumpParkedAsync(clock);
        var old = await FinishAsync(watcher, "ai-infer:1759750000000", JobStatus.Failed);

        clock.Advance(OpsEventHub.ReplayWindow + TimeSpan.FromSeconds(1));
        await PumpParkedAsync(clock);
        // Not finished (retried already): no event.
        await Redis.HashSetAsync(QueueKeys.Status(QueueNames.AiInfer), "ai-infer:1759750000001", JobStatus.Queued);
        await Redis.PublishAsync(RedisChannel.Literal(QueueKeys.JobFinishedChannel), "ai-infer:1759750000001");
        var recent = await FinishAsync(watcher, "ai-infer:1759750000002", JobStatus.Done);

        await using var again = await SseStream.OpenAsync(client, old.Id!.Value - 1);
        var replayed = await again.NextJobAsync();
        var next = await FinishAsync(again, "whales:1759750000003", JobStatus.Done);
        Assert.Multiple(() =>
        {
            Assert.That(old.Json.GetProperty("status").GetString(), Is.EqualTo(JobStatus.Failed));
            Assert.That(replayed.JobId, Is.EqualTo("ai-infer:1759750000002"), "the event of more than a minute ago is not replayed");
            Assert.That(replayed.Id, Is.EqualTo(recent.Id));
            Assert.That(again.Text.Split("event: job").Length - 1, Is.EqualTo(2), "the recent one, then the live one");
            Assert.That(next.Json.GetProperty("queue").GetString(), Is.EqualTo(QueueNames.Whales));
            Assert.That(watcher.Text, Does.Contain("\n: keep-alive\n\n"), "a minute passed: keep-alives were sent");
        });
    }

    [Test]
    public async Task ThousandIdleClients_CostRedisTheSameCommandsAsOne()
    {
        // The API's clock moves only when the test moves it: each queues tick is one Advance, and between them nothing.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var (client, hub) = StartApi(clock);
        var clients = new List<SseStream> { await SseStream.OpenAsync(client) };
        try
        {
            Assert.That((await clients[0].NextAsync()).Type, Is.EqualTo("queues"));
            await PumpParkedAsync(clock);
            var oneIdle = await CommandsDuringAsync(() => Task.Delay(TimeSpan.FromSeconds(1)));
            var oneTick = await CommandsDuringAsync(() => TickAsync(clock));

            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, 999).Select(_ => SseStream.OpenAsync(client))));
            Assert.That(hub.Clients, Is.EqualTo(1_000));
            var manyIdle = await CommandsDuringAsync(() => Task.Delay(TimeSpan.FromSeconds(1)));
            var manyTick = await CommandsDuringAsync(() => TickAsync(clock));

            TestContext.Out.WriteLine($"idle second: {oneIdle.Count} commands with 1 client, {manyIdle.Count} with 1,000; a tick: {oneTick.Count} and {manyTick.Count}");
            Assert.Multiple(() =>
            {
                Assert.That(oneTick.Count, Is.GreaterThan(QueueNames.All.Count * 60), "a tick reads the snapshot: the hour's minute hashes of every queue, and more");
                Assert.That(manyTick.Count, Is.EqualTo(oneTick.Count).Within(Noise), "the snapshot is read once per process, not per client");
                Assert.That(oneIdle.Count, Is.LessThanOrEqualTo(Noise), oneIdle.Seen);
                Assert.That(manyIdle.Count, Is.LessThanOrEqualTo(Noise), $"1,000 idle clients send Redis nothing; seen: {manyIdle.Seen}");
            });
        }
        finally
        {
            foreach (var stream in clients)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task FeedAnnouncement_SendsAMintEvent_WithTheNewestRow()
    {
        var (client, _) = StartApi();
        await using var events = await SseStream.OpenAsync(client);
        await events.NextAsync();
        MintRow[] feed =
        [
            new("Newest Coin", "NewMint1111111111111111111111111111111pump", "dev", true, true, false, 1.5m, "2025-10-06 12:00:00"),
            new("Older Coin", "OldMint1111111111111111111111111111111pump", "dev", true, true, false, 1.5m, "2025-10-06 11:59:00"),
        ];
        await Redis.StringSetAsync(QueueKeys.Latest(QueueNames.HeliusMints), JsonSerializer.SerializeToUtf8Bytes(feed, Alpha2Json.Default.MintRowArray));
        await Redis.PublishAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel), QueueNames.Whales);
        await Redis.PublishAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel), QueueNames.HeliusMints);

        var mint = await events.NextAsync(e => e.Type != "queues");
        Assert.Multiple(() =>
        {
            Assert.That(mint.Type, Is.EqualTo("mint"), "another queue's announcement makes no event");
            Assert.That(mint.Id, Is.Null);
            Assert.That(mint.Data, Is.EqualTo("""{"queue":"helius-mints","mint":"NewMint1111111111111111111111111111111pump","name":"Newest Coin"}"""));
        });
    }

    [Test]
    public void NewestRow_IsReadFromAPrefixOfTheFeed_OrLeftOut()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new MintRow($"Coin \"{i}\"", $"Mint{i}pump", "dev", true, true, false, 1m, "2025-10-06 12:00:00",
            SafeReasons: ["dev holds 12%"])).ToArray();
        var feed = JsonSerializer.SerializeToUtf8Bytes(rows, Alpha2Json.Default.MintRowArray);
        var newest = OpsEventHub.NewestRow(feed.AsSpan(0, OpsEventHub.FeedPrefixBytes));
        var cut = OpsEventHub.NewestRow(Encoding.UTF8.GetBytes("""[{"name":"Cut sho"""));
        var empty = OpsEventHub.NewestRow("[]"u8);
        var notJson = OpsEventHub.NewestRow("not json"u8);
        (string?, string?) none = (null, null);
        Assert.Multiple(() =>
        {
            Assert.That(feed, Has.Length.GreaterThan(OpsEventHub.FeedPrefixBytes));
            Assert.That(newest, Is.EqualTo(("Mint0pump", "Coin \"0\"")));
            Assert.That(cut, Is.EqualTo(none));
            Assert.That(empty, Is.EqualTo(none));
            Assert.That(notJson, Is.EqualTo(none));
        });
    }

    /// <summary>The API on the fixture's database; with <paramref name="clock"/> as its clock when given.</summary>
    private (HttpClient Client, OpsEventHub Hub) StartApi(TimeProvider? clock = null)
    {
        var factory = new ApiFactory(RedisServer.Url(_db));
        _stops.Add(async () => await factory.DisposeAsync());
        WebApplicationFactory<Program> api = factory;
        if (clock is { } time)
        {
            api = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton(time)));
        }

        return (api.CreateClient(), api.Services.GetRequiredService<OpsEventHub>());
    }

    /// <summary>A worker on the fixture's database with Gemini faked, answering every prompt.</summary>
    private async Task StartWorkerAsync()
    {
        var providers = WireMockServer.Start();
        _stops.Add(() =>
        {
            providers.Stop();
            return Task.CompletedTask;
        });
        providers.AnswerGemini(Model, AiFakes.GeminiAnswer("ok"));
        var settings = WorkerHost.TestSettings(RedisServer.Url(_db));
        settings["GEMINI_API_URL"] = providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        settings["GROQ_API_URL"] = providers.Url;
        settings["GROQ_API_KEY"] = AiFakes.GroqKey;
        settings["GEMINI_RPS"] = "10000";
        var worker = await WorkerHost.StartAsync(settings);
        _stops.Add(async () =>
        {
            await worker.StopAsync();
            worker.Dispose();
        });
    }

    private static Task<string> PostPromptAsync(HttpClient client, string prompt) =>
        client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = Model, prompt, maxTokens = 16 });

    /// <summary>What the worker's finish does, as far as the events go: the status, then the id on the channel.</summary>
    private async Task<SseEvent> FinishAsync(SseStream stream, string jobId, string status)
    {
        await Redis.HashSetAsync(QueueKeys.Status(QueueNames.OfJob(jobId)!), jobId, status);
        await Redis.PublishAsync(RedisChannel.Literal(QueueKeys.JobFinishedChannel), jobId);
        return await stream.NextAsync(e => e.JobId == jobId);
    }

    /// <summary>One queues tick: the clock moves a period, and the pump reads its snapshot and sleeps again.</summary>
    private static async Task TickAsync(ManualClock clock)
    {
        clock.Advance(OpsEventHub.QueuesInterval);
        await PumpParkedAsync(clock);
    }

    /// <summary>The pump sleeps until its next tick: the API's only one-shot timer is its delay.</summary>
    private static Task PumpParkedAsync(ManualClock clock) =>
        Eventually.TrueAsync(() => Task.FromResult(clock.PendingOneShotTimers == 1), TimeSpan.FromSeconds(10), "the queues pump waits for its next tick");

    /// <summary>The commands Redis ran during <paramref name="window"/>, but for the clients' <see cref="Upkeep"/>, and which they were.</summary>
    private static async Task<Commands> CommandsDuringAsync(Func<Task> window)
    {
        var before = await CallsAsync();
        await window();
        var ran = (await CallsAsync())
            .Where(command => !Upkeep.Contains(command.Key))
            .Select(command => (Name: command.Key, Calls: command.Value - before.GetValueOrDefault(command.Key)))
            .Where(command => command.Calls > 0)
            .ToList();
        return new(ran.Sum(command => command.Calls), string.Join(", ", ran.Select(command => $"{command.Name} ×{command.Calls}")));
    }

    /// <summary>Calls so far by command name ("get", "client|setname"), from the server's commandstats.</summary>
    private static async Task<Dictionary<string, long>> CallsAsync()
    {
        var info = await RedisServer.Connection.GetServers()[0].InfoAsync("commandstats");
        return info.SelectMany(group => group)
            .Where(stat => stat.Key.StartsWith("cmdstat_", StringComparison.Ordinal))
            .ToDictionary(
                stat => stat.Key["cmdstat_".Length..],
                stat => long.Parse(stat.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
    }

    private sealed record Commands(long Count, string Seen);
}
