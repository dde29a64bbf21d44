using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Reliability;

/// <summary>At-least-once under crashes: two worker processes on 1,000 jobs, one of them SIGKILLed three times.</summary>
public sealed class KilledWorkerUnderLoadTests
{
    private const int Jobs = 1_000;
    private const int Concurrency = 16;
    private const int Kills = 3;

    private TestStack _stack = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _stack = await TestStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    private Dictionary<string, string?> Settings(string workerId)
    {
        var settings = _stack.WorkerSettings();
        settings["WORKER_ID"] = workerId;
        settings["WORKER_CONCURRENCY"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["GEMINI_RPS"] = "10000";
        settings["WORKER_HEARTBEAT_TTL_SECONDS"] = "2";
        return settings;
    }

    private async Task<bool> AllDoneAsync(IEnumerable<string> jobIds) =>
        (await Task.WhenAll(jobIds.Select(id => _stack.Redis.HashGetAsync("ai-infer:status", id)))).All(status => status == "done");

    [Test]
    public async Task ThousandJobs_OneOfTwoWorkersKilledThreeTimes_EveryJobDone_RepeatsBounded()
    {
        // 200 ms a call: two workers need about 6 s for the lot, so every kill lands mid-run.
        _stack.Providers.Reset();
        _stack.Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("ok"), delay: TimeSpan.FromMilliseconds(200));
        var jobIds = new List<string>();
        for (var i = 0; i < Jobs; i++)
        {
            jobIds.Add(await _stack.Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = $"job {i}", maxTokens = 16 }));
        }

        await using var survivor = ServiceProcess.Worker(Settings("survivor"));
        for (var kill = 0; kill < Kills; kill++)
        {
            var victimId = $"victim-{kill}";
            await using var victim = ServiceProcess.Worker(Settings(victimId));
            await Eventually.TrueAsync(async () => await _stack.Redis.ListLengthAsync($"ai-infer:processing:{victimId}") == Concurrency,
                TimeSpan.FromSeconds(60), $"{victimId} runs a full load");
            await victim.KillAsync();
        }

        // The second worker comes back for good, as a supervisor would restart it.
        await using var restarted = ServiceProcess.Worker(Settings("victim-restarted"));

        await Eventually.TrueAsync(() => AllDoneAsync(jobIds), TimeSpan.FromSeconds(120), "every job is done");

        var attempts = await Task.WhenAll(jobIds.Select(id => _stack.Redis.HashGetAsync($"job:{id}", "attempts")));
        var repeats = attempts.Sum(a => (int)a) - Jobs;
        var calls = _stack.Providers.LogEntries.Count(e => e.RequestMessage.Path == AiFakes.GeminiPath("gemini-2.5-flash-lite"));
        Assert.Multiple(() =>
        {
            Assert.That(jobIds.Distinct().Count(), Is.EqualTo(Jobs), "none lost: every accepted id is done");
            Assert.That(repeats, Is.GreaterThan(0), "the kills hit jobs in flight");
            // A kill can only repeat the jobs the victim held: at most one per concurrency slot.
            Assert.That(repeats, Is.LessThanOrEqualTo(Kills * Concurrency));
            Assert.That(calls, Is.InRange(Jobs, Jobs + Kills * Concurrency), "answered provider calls");
        });
        TestContext.Out.WriteLine($"{repeats} jobs claimed again and {calls - Jobs} provider answers repeated over {Kills} kills");
    }

    [Test]
    public async Task SigtermUnderLoad_RunningJobsFinishOrGoBack_NothingLost()
    {
        _stack.Providers.Reset();
        _stack.Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("ok"), delay: TimeSpan.FromMilliseconds(400));
        var jobIds = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            jobIds.Add(await _stack.Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = $"term {i}", maxTokens = 16 }));
        }

        var stopping = Settings("stopping");
        stopping["WORKER_SHUTDOWN_SECONDS"] = "1";
        await using var first = ServiceProcess.Worker(stopping);
        await Eventually.TrueAsync(async () => await _stack.Redis.ListLengthAsync("ai-infer:processing:stopping") == Concurrency,
            TimeSpan.FromSeconds(60), "the worker runs a full load");
        await first.TerminateAsync(TimeSpan.FromSeconds(30));
        var leftBehind = await _stack.Redis.ListLengthAsync("ai-infer:processing:stopping");
        await using var second = ServiceProcess.Worker(Settings("second"));

        await Eventually.TrueAsync(() => AllDoneAsync(jobIds), TimeSpan.FromSeconds(120), "every job is done");
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Output);
            Assert.That(leftBehind, Is.Zero, "a stopped worker holds nothing");
        });
    }
}
