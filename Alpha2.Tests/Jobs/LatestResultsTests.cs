using Alpha2.Api.Jobs;
using Alpha2.Contracts.Jobs;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Jobs;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Tests.Jobs;

/// <summary>
/// The API's in-memory copy of each queue's latest result: served without Redis while fresh, dropped at once when a
/// worker announces a new result or this API sees a job of the queue finish, re-read after at most a second.
/// </summary>
public sealed class LatestResultsTests : OwnRedisDatabase
{
    private static readonly string Key = RedisKeys.Latest(QueueNames.Whales);

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
    public async Task A_fresh_copy_is_served_until_a_worker_announces_a_new_result()
    {
        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"), "served from memory");

        await Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.LatestChangedChannel), QueueNames.Whales);

        await Eventually.TrueAsync(async () => await ReadAsync() == "[\"second\"]", TimeSpan.FromSeconds(5), "the announcement dropped the copy");
    }

    [Test]
    public async Task An_announcement_for_another_queue_keeps_the_copy()
    {
        await Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.LatestChangedChannel), QueueNames.CexRadar);
        await Task.Delay(200);

        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"));
    }

    [Test]
    public async Task A_copy_is_read_again_once_it_is_a_second_old()
    {
        _clock.Advance(LatestResults.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await ReadAsync(), Is.EqualTo("[\"second\"]"));
    }

    [Test]
    public async Task Seeing_a_job_of_the_queue_finish_after_the_copy_was_read_drops_it()
    {
        _latest.JobFinished(QueueNames.Whales, _clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        _latest.JobFinished(QueueNames.CexRadar, _clock.GetUtcNow());
        Assert.That(await ReadAsync(), Is.EqualTo("[\"first\"]"), "a job that finished long before the read, or of another queue, changes nothing");

        _latest.JobFinished(QueueNames.Whales, _clock.GetUtcNow());
        Assert.That(await ReadAsync(), Is.EqualTo("[\"second\"]"));
    }

    [Test]
    public async Task Completing_a_job_with_a_latest_result_announces_its_queue()
    {
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = await Redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.LatestChangedChannel));
        channel.OnMessage(message => announced.TrySetResult(message.Message.ToString()));
        try
        {
            var store = new JobStore(Redis, Options.Create(new WorkerOptions { WorkerId = "latest-test" }), TimeProvider.System);
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

    private async Task<string?> ReadAsync() => await _latest.GetAsync(QueueNames.Whales) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
