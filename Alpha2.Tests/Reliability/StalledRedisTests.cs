using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// The blocking pop's watchdog: a worker process reaches Redis through a proxy that silences the connection carrying
/// its BLMOVE (open, but nothing passes: a half-dead network path). The call outlives its deadline, the connection is
/// rebuilt, and the job Redis moved while nobody listened is given back and done.
/// </summary>
public sealed class StalledRedisTests
{
    [Test]
    public async Task BlockingPopOnASilentConnection_IsAbandonedAndRebuilt_NoJobStranded()
    {
        var database = await RedisServer.TakeDatabaseAsync();
        await using var proxy = new SilencingProxy(RedisServer.Port);
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{RedisServer.Port},defaultDatabase={database}");
        using var providers = WireMockServer.Start();
        providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("ok"));
        var settings = WorkerHost.TestSettings($"redis://127.0.0.1:{proxy.Port}/{database}");
        settings["GEMINI_API_URL"] = providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        await using var worker = ServiceProcess.Worker(settings);
        var db = redis.GetDatabase();
        await Eventually.TrueAsync(async () => await db.SetLengthAsync(QueueKeys.Workers) == 1, TimeSpan.FromSeconds(30), "the worker joined");

        // Its fetch loops wait in BLMOVE on empty queues; silence the one of ai-infer (each queue has its own).
        await Eventually.TrueAsync(() => Task.FromResult(proxy.Silence("BLMOVE", QueueKeys.Jobs(QueueNames.AiInfer)) == 1), TimeSpan.FromSeconds(10), "the ai-infer BLMOVE is in flight");
        var queue = new JobQueue(redis, TimeProvider.System);
        var jobs = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            jobs.Add(await queue.EnqueueAsync(QueueNames.AiInfer, System.Text.Encoding.UTF8.GetBytes(
                $$"""{"provider":"gemini","model":"gemini-2.5-flash-lite","prompt":"through the silence {{i}}","maxTokens":8}"""), CancellationToken.None));
        }

        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(jobs.Select(id => db.HashGetAsync(QueueKeys.Status(QueueNames.AiInfer), id)))).All(s => s == JobStatus.Done),
            TimeSpan.FromSeconds(40),
            "every job is done, the one moved into the silent BLMOVE's reply included");
        Assert.Multiple(() =>
        {
            Assert.That(worker.HasExited, Is.False, worker.Output);
            Assert.That(worker.Output, Does.Contain("Fetching from ai-infer failed"), "the silent call was given up, not waited on");
            Assert.That(proxy.Abandoned, Is.EqualTo(1), "the worker closed the silent connection and blocks on a new one");
        });
    }
}
