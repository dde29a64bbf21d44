using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Jobs;

/// <summary>Real worker processes killed and stopped mid-job: nothing is lost.</summary>
public sealed class WorkerCrashTests
{
    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    private IDatabase Redis => _stack.Redis;

    [OneTimeSetUp]
    public async Task StartAsync() => _stack = await TestStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [SetUp]
    public void ResetProviders() => Providers.Reset();

    private Dictionary<string, string?> Settings(string workerId)
    {
        var settings = _stack.WorkerSettings();
        settings["WORKER_ID"] = workerId;
        settings["PROVIDER_ATTEMPT_TIMEOUT_SECONDS"] = "120";
        settings["Logging:LogLevel:Default"] = "Information";
        return settings;
    }

    private Task<string> PostPromptAsync(string prompt) =>
        Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt });

    private async Task WaitUntilHeldByAsync(string jobId, string workerId) =>
        await Eventually.TrueAsync(
            async () => (string?)await Redis.HashGetAsync($"job:{jobId}", "worker") == workerId
                        && (string?)await Redis.HashGetAsync("ai-infer:status", jobId) == "processing",
            TimeSpan.FromSeconds(30),
            $"{workerId} is processing {jobId}");

    [Test]
    public async Task WorkerKilledWhileHoldingAJob_SecondWorkerFinishesIt_NothingLost()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("too late"), delay: TimeSpan.FromMinutes(2));
        await using var first = ServiceProcess.Worker(Settings("crash-a"));
        var jobId = await PostPromptAsync("slow");
        await WaitUntilHeldByAsync(jobId, "crash-a");

        await first.KillAsync();
        Providers.Reset();
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("done by b"));
        await using var second = ServiceProcess.Worker(Settings("crash-b"));
        var job = await Client.FinishedJobAsync(jobId, timeoutSeconds: 60);

        Assert.Multiple(async () =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), second.Output);
            Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("done by b"));
            Assert.That((string?)await Redis.HashGetAsync($"job:{jobId}", "worker"), Is.EqualTo("crash-b"));
            Assert.That(await Redis.ListLengthAsync("ai-infer:processing:crash-a"), Is.Zero, "the dead worker's list was emptied");
            Assert.That(await Redis.SetContainsAsync("workers", "crash-a"), Is.False, "the dead worker was forgotten");
        });
    }

    [Test]
    public async Task Sigterm_JobFinishingWithinTheGracePeriod_EndsDone_AndTheWorkerLeavesCleanly()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("finished in grace"), delay: TimeSpan.FromSeconds(2));
        await using var worker = ServiceProcess.Worker(Settings("term-a"));
        var jobId = await PostPromptAsync("graceful");
        await WaitUntilHeldByAsync(jobId, "term-a");

        await worker.TerminateAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(async () =>
        {
            Assert.That(worker.ExitCode, Is.Zero, worker.Output);
            Assert.That((string?)await Redis.HashGetAsync("ai-infer:status", jobId), Is.EqualTo("done"));
            Assert.That(await Redis.KeyExistsAsync("worker:term-a:heartbeat"), Is.False);
            Assert.That(await Redis.SetContainsAsync("workers", "term-a"), Is.False);
        });
    }

    [Test]
    public async Task Sigterm_JobOutlastingTheGracePeriod_GoesBackToTheQueue_WithoutSpendingAnAttempt()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("never seen"), delay: TimeSpan.FromMinutes(2));
        var settings = Settings("term-b");
        settings["WORKER_SHUTDOWN_SECONDS"] = "1";
        await using var worker = ServiceProcess.Worker(settings);
        var jobId = await PostPromptAsync("requeue");
        await WaitUntilHeldByAsync(jobId, "term-b");

        await worker.TerminateAsync(TimeSpan.FromSeconds(20));

        var queued = (await Redis.ListRangeAsync("ai-infer:jobs")).Select(j => (string)j!);
        Assert.Multiple(async () =>
        {
            Assert.That((string?)await Redis.HashGetAsync("ai-infer:status", jobId), Is.EqualTo("queued"), worker.Output);
            Assert.That(queued.Any(j => j.Contains(jobId, StringComparison.Ordinal)), Is.True, "the job is back in ai-infer:jobs");
            Assert.That((int)await Redis.HashGetAsync($"job:{jobId}", "attempts"), Is.Zero);
            Assert.That(await Redis.ListLengthAsync("ai-infer:processing:term-b"), Is.Zero);
        });

        await Redis.KeyDeleteAsync("ai-infer:jobs");
    }
}
