using System.Text.Json;
using Alpha2.Contracts.Jobs;
using Alpha2.ServiceDefaults.Jobs;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Jobs;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Tests.Jobs;

/// <summary>
/// Completions sent together (the group commit under load) still finish each claim on its own terms and hand each
/// freed slot its own next job.
/// </summary>
public sealed class CompletionPipelineTests
{
    private static readonly byte[] Prompt = """{"provider":"gemini","model":"gemini-2.5-flash-lite","prompt":"hi"}"""u8.ToArray();

    private ConnectionMultiplexer _redis = null!;

    private IDatabase Db => _redis.GetDatabase();

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        var database = await RedisServer.TakeDatabaseAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{RedisServer.Port},defaultDatabase={database}");
    }

    [OneTimeTearDown]
    public async Task DisconnectAsync() => await _redis.DisposeAsync();

    [SetUp]
    public async Task EmptyTheQueueAsync() =>
        await Db.KeyDeleteAsync([RedisKeys.Jobs(QueueNames.AiInfer), RedisKeys.Status(QueueNames.AiInfer)]);

    [Test]
    public async Task Concurrent_completions_each_finish_their_own_job_and_claim_a_distinct_next_one()
    {
        var queue = new JobQueue(_redis, TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            await queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None);
        }

        var store = new JobStore(_redis, Options.Create(new WorkerOptions { WorkerId = "pipeline-test" }), TimeProvider.System);
        var running = await store.ClaimNextAsync(QueueNames.AiInfer, 20);
        var pipeline = new CompletionPipeline(store);

        var replies = await Task.WhenAll(running.Select((job, i) =>
            pipeline.CompleteAsync(job.Claim!, new JobResult(JsonSerializer.SerializeToUtf8Bytes(new { text = job.Claim!.JobId }), IsLatest: false), next: i % 2)));

        var finished = running.Select(j => j.Claim!.JobId).ToArray();
        var claimed = replies.SelectMany(r => r.Next).Select(j => j.Claim!.JobId).ToArray();
        var statuses = await Db.HashGetAllAsync(RedisKeys.Status(QueueNames.AiInfer));
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
            var result = JsonDocument.Parse((string)(await Db.HashGetAsync(RedisKeys.Job(jobId), JobFields.Result))!).RootElement;
            Assert.That(result.GetProperty("text").GetString(), Is.EqualTo(jobId), "each job stored its own result");
        }
    }

    [Test]
    public async Task A_completion_of_a_claim_taken_over_elsewhere_is_dropped_while_the_others_in_its_write_go_through()
    {
        var queue = new JobQueue(_redis, TimeProvider.System);
        for (var i = 0; i < 4; i++)
        {
            await queue.EnqueueAsync(QueueNames.AiInfer, Prompt, CancellationToken.None);
        }

        var store = new JobStore(_redis, Options.Create(new WorkerOptions { WorkerId = "pipeline-fencing" }), TimeProvider.System);
        var running = await store.ClaimNextAsync(QueueNames.AiInfer, 4);
        var stale = running[1].Claim!;
        await Db.HashIncrementAsync(RedisKeys.Job(stale.JobId), "token"); // another worker re-claimed it
        var pipeline = new CompletionPipeline(store);

        var replies = await Task.WhenAll(running.Select(job =>
            pipeline.CompleteAsync(job.Claim!, new JobResult("{}"u8.ToArray(), IsLatest: false), next: 0)));

        Assert.That(replies.Select(r => r.Won), Is.EqualTo(new[] { true, false, true, true }));
        Assert.That((string?)await Db.HashGetAsync(RedisKeys.Status(QueueNames.AiInfer), stale.JobId), Is.EqualTo(JobStatus.Processing));
    }
}
