using System.Text.Json;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Tests.Jobs;

/// <summary>
/// Calls sent together (the group commit under load) each get their own reply: completions still finish each claim on
/// its own terms and hand each freed slot its own next job; enqueues each get their own job.
/// </summary>
public sealed class GroupCommitTests : OwnRedisDatabase
{
    private static readonly byte[] Prompt = """{"provider":"gemini","model":"gemini-2.5-flash-lite","prompt":"hi"}"""u8.ToArray();

    [SetUp]
    public async Task EmptyTheQueueAsync() =>
        await Db.KeyDeleteAsync([QueueKeys.Jobs(QueueNames.AiInfer), QueueKeys.Status(QueueNames.AiInfer)]);

    [Test]
    public async Task ConcurrentCompletions_EachFinishesItsOwnJob_AndClaimsADistinctNextOne()
    {
        var (store, running) = await EnqueueAndClaimAsync(enqueued: 50, claimed: 20);
        var completions = store.GroupCompletions();

        var replies = await Task.WhenAll(running.Select((job, i) =>
            completions.SendAsync((job.Claim!, new JobResult(JsonSerializer.SerializeToUtf8Bytes(new { text = job.Claim!.JobId }), IsLatest: false), i % 2))));

        var finished = running.Select(j => j.Claim!.JobId).ToArray();
        var claimed = replies.SelectMany(r => r.Next).Select(j => j.Claim!.JobId).ToArray();
        var statuses = await Db.HashGetAllAsync(QueueKeys.Status(QueueNames.AiInfer));
        Assert.Multiple(() =>
        {
            Assert.That(replies.Select(r => r.Won), Is.All.True);
            Assert.That(replies.Select((r, i) => r.Next.Length), Is.EqualTo(Enumerable.Range(0, 20).Select(i => i % 2)), "each slot got what it asked for");
            Assert.That(claimed, Is.Unique.And.No.AnyOf(finished));
            Assert.That(statuses.Where(s => s.Value == JobStatus.Done).Select(s => (string)s.Name!), Is.EquivalentTo(finished));
            Assert.That(statuses.Where(s => s.Value == JobStatus.Processing).Select(s => (string)s.Name!), Is.EquivalentTo(claimed));
        });

        foreach (var jobId in finished)
        {
            var result = JsonDocument.Parse((string)(await Db.HashGetAsync(QueueKeys.Job(jobId), JobFields.Result))!).RootElement;
            Assert.That(result.GetProperty("text").GetString(), Is.EqualTo(jobId), "each job stored its own result");
        }
    }

    [Test]
    public async Task CompletionOfAClaimTakenOverElsewhere_IsDropped_WhileTheOthersInItsWriteGoThrough()
    {
        var (store, running) = await EnqueueAndClaimAsync(enqueued: 4, claimed: 4);
        var stale = running[1].Claim!;
        await Db.HashIncrementAsync(QueueKeys.Job(stale.JobId), "token"); // another worker re-claimed it
        var completions = store.GroupCompletions();

        var replies = await Task.WhenAll(running.Select(job =>
            completions.SendAsync((job.Claim!, new JobResult("{}"u8.ToArray(), IsLatest: false), 0))));

        Assert.That(replies.Select(r => r.Won), Is.EqualTo(new[] { true, false, true, true }));
        Assert.That((string?)await Db.HashGetAsync(QueueKeys.Status(QueueNames.AiInfer), stale.JobId), Is.EqualTo(JobStatus.Processing));
    }

    [Test]
    public async Task ConcurrentEnqueuesSentTogether_EachGetTheirOwnJob_AndIdenticalWorkStillSharesOne()
    {
        var queue = new JobQueue(Redis, TimeProvider.System);
        var share = new JobShare(QueueKeys.Jobs(QueueNames.AiInfer) + ":group-commit-share", TimeSpan.FromSeconds(60));

        var own = Task.WhenAll(Enumerable.Range(0, 100).Select(_ => queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None)));
        var shared = Task.WhenAll(Enumerable.Range(0, 100).Select(_ => queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None, share)));
        var (ownIds, sharedIds) = (await own, await shared);
        var queued = await Db.ListLengthAsync(QueueKeys.Jobs(QueueNames.AiInfer));
        var statuses = await Db.HashLengthAsync(QueueKeys.Status(QueueNames.AiInfer));

        Assert.Multiple(() =>
        {
            Assert.That(ownIds, Is.Unique);
            Assert.That(sharedIds.Distinct().Count(), Is.EqualTo(1), "identical work shares one job");
            Assert.That(ownIds, Does.Not.Contain(sharedIds[0]));
            Assert.That(queued, Is.EqualTo(101));
            Assert.That(statuses, Is.EqualTo(101));
        });
    }

    [Test]
    public async Task EnqueueThatRedisRefuses_FailsAlone_WhileTheOthersSentWithItAreQueued()
    {
        var queue = new JobQueue(Redis, TimeProvider.System);
        var broken = new JobShare(QueueKeys.Jobs(QueueNames.AiInfer) + ":broken-share", TimeSpan.FromSeconds(60));
        await Db.ListLeftPushAsync(broken.Key, "not a job id"); // GET on a list: WRONGTYPE

        // Issued together, so they gather into the same script call behind the first.
        var own = Enumerable.Range(0, 20).Select(_ => queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None)).ToList();
        var refused = queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None, broken);
        own.AddRange(Enumerable.Range(0, 20).Select(_ => queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None)));

        var error = Assert.ThrowsAsync<RedisServerException>(async () => await refused);
        var ids = await Task.WhenAll(own);
        var queued = await Db.ListRangeAsync(QueueKeys.Jobs(QueueNames.AiInfer));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("WRONGTYPE"));
            Assert.That(ids, Is.Unique);
            Assert.That(queued.Select(job => JsonDocument.Parse((string)job!).RootElement.GetProperty("id").GetString()), Is.EquivalentTo(ids));
        });
    }

    private async Task<(JobStore Store, FetchedJob[] Running)> EnqueueAndClaimAsync(int enqueued, int claimed)
    {
        var queue = new JobQueue(Redis, TimeProvider.System);
        for (var i = 0; i < enqueued; i++)
        {
            await queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None);
        }

        var store = new JobStore(Redis, Options.Create(new WorkerOptions { WorkerId = "group-commit-test" }), TimeProvider.System, []);
        await using var blocking = new BlockingConnection(
            clientName => new ConfigurationOptions { EndPoints = { { "127.0.0.1", RedisServer.Port } }, DefaultDatabase = Db.Database, ClientName = clientName },
            "group-commit-test",
            blockSeconds: 1);
        return (store, await store.WaitAndClaimAsync(blocking, QueueNames.AiInfer, claimed, CancellationToken.None) ?? throw new InvalidOperationException("ai-infer is paused"));
    }
}
