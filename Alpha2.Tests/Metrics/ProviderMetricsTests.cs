using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Tests.Metrics;

/// <summary>
/// Provider calls are tallied in memory and reach the panel's keys with the worker's next job outcome, or within a
/// second when no job finishes (docs/queue-protocol.md, "Pending writes"). The clock is manual: the flush timer fires
/// only when a test moves it.
/// </summary>
public sealed class ProviderMetricsTests : OwnRedisDatabase
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Prompt = """{"provider":"gemini","model":"gemini-2.5-flash-lite","prompt":"hi"}"""u8.ToArray();

    private static readonly string Usage = RedisKeys.Usage("gemini", DateOnly.FromDateTime(Noon.UtcDateTime));
    private static readonly string Hour = RedisKeys.UsageHour("gemini", Noon);
    private static readonly string Latency = RedisKeys.Latency("gemini");

    private ManualClock _clock = null!;
    private ProviderMetrics _metrics = null!;

    [SetUp]
    public async Task StartAsync()
    {
        await Db.KeyDeleteAsync([Usage, Hour, Latency, QueueKeys.Jobs(QueueNames.AiInfer), QueueKeys.Status(QueueNames.AiInfer)]);
        _clock = new ManualClock(Noon);
        _metrics = new ProviderMetrics(Redis, _clock);
    }

    [TearDown]
    public void Stop() => _metrics.Dispose();

    [Test]
    public async Task CallsWhileNoJobFinishes_ReachThePanelsKeysWithinASecond_InOneSetOfIncrements()
    {
        _metrics.RecordCall("gemini", TimeSpan.FromMilliseconds(120), 200);
        _metrics.RecordCall("gemini", TimeSpan.FromMilliseconds(80), 429);
        _metrics.RecordCall("gemini", TimeSpan.FromMilliseconds(30), null);
        _metrics.AddCredits("gemini", 0.25);
        _metrics.AddCredits("gemini", 0.5);
        Assert.That(await Db.HashGetAllAsync(Usage), Is.Empty, "nothing is sent per call");

        _clock.Advance(ProviderMetrics.FlushEvery);

        await Eventually.TrueAsync(async () => await Db.HashGetAsync(Usage, "calls") == 3, TimeSpan.FromSeconds(5), "the tally was sent");
        var usage = (await Db.HashGetAllAsync(Usage)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        var hour = (await Db.HashGetAllAsync(Hour)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        Assert.Multiple(async () =>
        {
            Assert.That(usage, Is.EquivalentTo(new Dictionary<string, string> { ["calls"] = "3", ["throttled"] = "1", ["failed"] = "1", ["credits"] = "0.75" }));
            Assert.That(hour, Is.EquivalentTo(new Dictionary<string, string> { ["calls"] = "3", ["ms"] = "230", ["credits"] = "0.75" }));
            Assert.That((await Db.ListRangeAsync(Latency)).Select(v => (long)v), Is.EqualTo(new long[] { 30, 80, 120 }), "newest first, as one LPUSH per call left them");
            Assert.That(await Db.KeyTimeToLiveAsync(Usage), Is.GreaterThan(TimeSpan.FromDays(34)));
        });
    }

    [Test]
    public async Task CallsCountedDuringAJob_GoWithItsOutcome_SoAJobReadAsDoneOrFailedAlreadyShowsThem()
    {
        var store = new JobStore(Redis, Options.Create(new WorkerOptions { WorkerId = "metrics-test" }), _clock, [_metrics]);
        var running = await EnqueueAndClaimAsync(store, 2);

        _metrics.RecordCall("gemini", TimeSpan.FromMilliseconds(40), 200);
        await store.CompleteAsync(running[0].Claim!, new JobResult("{}"u8.ToArray(), IsLatest: false));
        Assert.That((long)await Db.HashGetAsync(Usage, "calls"), Is.EqualTo(1), "sent ahead of the completion, with no timer");

        _metrics.RecordCall("gemini", TimeSpan.FromMilliseconds(40), 503);
        await store.FailAsync(running[1].Claim!, "Gemini answered 503");
        Assert.Multiple(async () =>
        {
            Assert.That((long)await Db.HashGetAsync(Usage, "calls"), Is.EqualTo(2));
            Assert.That((long)await Db.HashGetAsync(Usage, "failed"), Is.EqualTo(1), "sent ahead of the failure");
        });
    }

    private async Task<FetchedJob[]> EnqueueAndClaimAsync(JobStore store, int count)
    {
        var queue = new JobQueue(Redis, TimeProvider.System);
        for (var i = 0; i < count; i++)
        {
            await queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None);
        }

        await using var blocking = new BlockingConnection(
            clientName => new ConfigurationOptions { EndPoints = { { "127.0.0.1", RedisServer.Port } }, DefaultDatabase = Db.Database, ClientName = clientName },
            "metrics-test",
            blockSeconds: 1);
        return await store.WaitAndClaimAsync(blocking, QueueNames.AiInfer, count, CancellationToken.None) ?? throw new InvalidOperationException("ai-infer is paused");
    }
}
