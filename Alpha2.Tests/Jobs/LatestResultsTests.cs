using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Tests.Jobs;

/// <summary>
/// The API's in-memory copy of each queue's latest result: served without Redis while fresh, dropped at once when a
/// worker announces a new result or this API sees a job of the queue finish, re-read after at most a second.
/// </summary>
public sealed class LatestResultsTests : OwnRedisDatabase
{
    private static readonly string Key = QueueKeys.Latest(QueueNames.Whales);

    private ManualClock _clock = null!;
    private LatestResults _latest = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new ManualClock(DateTimeOffset.UtcNow);
        _latest = new LatestResults(Redis, _clock);
        await Db.StringSetAsync(Key, "[\"first\"]");
        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"));
        await Db.StringSetAsync(Key, "[\"second\"]"); // written without the announcement a worker makes
    }

    [TearDown]
    public async Task DisposeAsync() => await _latest.DisposeAsync();

    [Test]
    public async Task FreshCopy_IsServed_UntilAWorkerAnnouncesANewResult()
    {
        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"), "served from memory");

        await Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel), QueueNames.Whales);

        await Eventually.TrueAsync(async () => await ReadAsync() == "[\"second\"]", TimeSpan.FromSeconds(5), "the announcement dropped the copy");
    }

    [Test]
    public async Task AnnouncementForAnotherQueue_KeepsTheCopy()
    {
        // A second queue's copy is the signal: announcements are handled in order, so once the one sent after the
        // cex-radar announcement has dropped its copy, the cex-radar one has been handled too.
        var signal = QueueKeys.Latest(QueueNames.HeliusMints);
        await Db.StringSetAsync(signal, "[\"signal-before\"]");
        Assert.That(await ReadAsync(QueueNames.HeliusMints), Is.EqualTo("[\"signal-before\"]"));
        await Db.StringSetAsync(signal, "[\"signal-after\"]");

        await Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel), QueueNames.CexRadar);
        await Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel), QueueNames.HeliusMints);
        await Eventually.TrueAsync(async () => await ReadAsync(QueueNames.HeliusMints) == "[\"signal-after\"]", TimeSpan.FromSeconds(5), "both announcements handled");

        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"));
    }

    [Test]
    public async Task Copy_IsReadAgain_OnceItIsASecondOld()
    {
        _clock.Advance(LatestResults.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await ReadAsync(), Is.EqualTo("[\"second\"]"));
    }

    [Test]
    public async Task JobOfTheQueueFinishingAfterTheCopyWasRead_DropsIt()
    {
        _latest.JobFinished(QueueNames.Whales, _clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        _latest.JobFinished(QueueNames.CexRadar, _clock.GetUtcNow());
        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"), "a job that finished long before the read, or of another queue, changes nothing");

        _latest.JobFinished(QueueNames.Whales, _clock.GetUtcNow());
        Assert.That(await ReadAsync(), Is.EqualTo("[\"second\"]"));
    }

    [Test]
    public async Task CompletingAJobWithALatestResult_AnnouncesItsQueue()
    {
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = await Redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel));
        channel.OnMessage(message => announced.TrySetResult(message.Message.ToString()));
        try
        {
            var store = new JobStore(Redis, Options.Create(new WorkerOptions { WorkerId = "latest-test" }), TimeProvider.System, []);
            var jobId = $"{QueueNames.Whales}:1";
            var claim = await store.ClaimAsync(QueueNames.Whales, jobId, $$"""{"id":"{{jobId}}"}""");

            Assert.That(await store.CompleteAsync(claim, new JobResult("[\"third\"]"u8.ToArray(), IsLatest: true)), Is.True);

            Assert.That(await announced.Task.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo(QueueNames.Whales));
            Assert.That((string?)await Db.StringGetAsync(Key), Is.EqualTo("[\"third\"]"));
        }
        finally
        {
            await channel.UnsubscribeAsync();
        }
    }

    private async Task<string?> ReadAsync(string queue = QueueNames.Whales) => await _latest.GetAsync(queue) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
