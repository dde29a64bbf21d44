using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Jobs;

/// <summary>Real worker processes killed and stopped mid-job: nothing is lost.</summary>
public sealed class WorkerCrashTests
{
    private WireMockServer _providers = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IDatabase _redis = null!;
    private string _redisUrl = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var db = await RedisServer.TakeDatabaseAsync();
        _redisUrl = RedisServer.Url(db);
        _redis = RedisServer.Connection.GetDatabase(db);
        _providers = WireMockServer.Start();
        _api = new ApiFactory(_redisUrl);
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        _providers.Stop();
    }

    [SetUp]
    public void ResetProviders() => _providers.Reset();

    private Dictionary<string, string?> Settings(string workerId)
    {
        var settings = WorkerHost.TestSettings(_redisUrl);
        settings["WORKER_ID"] = workerId;
        settings["GEMINI_API_URL"] = _providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        settings["PROVIDER_ATTEMPT_TIMEOUT_SECONDS"] = "120";
        settings["Logging:LogLevel:Default"] = "Information";
        return settings;
    }

    private Task<string> PostPromptAsync(string prompt) =>
        _client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt });

    private async Task WaitUntilHeldByAsync(string jobId, string workerId) =>
        await Eventually.TrueAsync(
            async () => (string?)await _redis.HashGetAsync($"job:{jobId}", "worker") == workerId
                        && (string?)await _redis.HashGetAsync("ai-infer:status", jobId) == "processing",
            TimeSpan.FromSeconds(30),
            $"{workerId} is processing {jobId}");

    [Test]
    public async Task WorkerKilledWhileHoldingAJob_SecondWorkerFinishesIt_NothingLost()
    {
        _providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("too late"), delay: TimeSpan.FromMinutes(2));
        await using var first = WorkerProcess.Start(Settings("crash-a"));
        var jobId = await PostPromptAsync("slow");
        await WaitUntilHeldByAsync(jobId, "crash-a");

        await first.KillAsync();
        _providers.Reset();
        _providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("done by b"));
        await using var second = WorkerProcess.Start(Settings("crash-b"));
        var job = await _client.FinishedJobAsync(jobId, timeoutSeconds: 60);

        Assert.Multiple(async () =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), second.Output);
            Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("done by b"));
            Assert.That((string?)await _redis.HashGetAsync($"job:{jobId}", "worker"), Is.EqualTo("crash-b"));
            Assert.That(await _redis.ListLengthAsync("ai-infer:processing:crash-a"), Is.Zero, "the dead worker's list was emptied");
            Assert.That(await _redis.SetContainsAsync("workers", "crash-a"), Is.False, "the dead worker was forgotten");
        });
    }

    [Test]
    public async Task Sigterm_JobFinishingWithinTheGracePeriod_EndsDone_AndTheWorkerLeavesCleanly()
    {
        _providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("finished in grace"), delay: TimeSpan.FromSeconds(2));
        await using var worker = WorkerProcess.Start(Settings("term-a"));
        var jobId = await PostPromptAsync("graceful");
        await WaitUntilHeldByAsync(jobId, "term-a");

        await worker.TerminateAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(async () =>
        {
            Assert.That(worker.ExitCode, Is.Zero, worker.Output);
            Assert.That((string?)await _redis.HashGetAsync("ai-infer:status", jobId), Is.EqualTo("done"));
            Assert.That(await _redis.KeyExistsAsync("worker:term-a:heartbeat"), Is.False);
            Assert.That(await _redis.SetContainsAsync("workers", "term-a"), Is.False);
        });
    }

    [Test]
    public async Task Sigterm_JobOutlastingTheGracePeriod_GoesBackToTheQueue_WithoutSpendingAnAttempt()
    {
        _providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("never seen"), delay: TimeSpan.FromMinutes(2));
        var settings = Settings("term-b");
        settings["WORKER_SHUTDOWN_SECONDS"] = "1";
        await using var worker = WorkerProcess.Start(settings);
        var jobId = await PostPromptAsync("requeue");
        await WaitUntilHeldByAsync(jobId, "term-b");

        await worker.TerminateAsync(TimeSpan.FromSeconds(20));

        var queued = (await _redis.ListRangeAsync("ai-infer:jobs")).Select(j => (string)j!);
        Assert.Multiple(async () =>
        {
            Assert.That((string?)await _redis.HashGetAsync("ai-infer:status", jobId), Is.EqualTo("queued"), worker.Output);
            Assert.That(queued.Any(j => j.Contains(jobId, StringComparison.Ordinal)), Is.True, "the job is back in ai-infer:jobs");
            Assert.That((int)await _redis.HashGetAsync($"job:{jobId}", "attempts"), Is.Zero);
            Assert.That(await _redis.ListLengthAsync("ai-infer:processing:term-b"), Is.Zero);
        });

        await _redis.KeyDeleteAsync("ai-infer:jobs");
    }
}
