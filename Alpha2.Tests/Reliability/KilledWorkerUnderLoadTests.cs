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

    [Test]
    public async Task ThousandJobs_OneOfTwoWorkersKilledThreeTimes_EveryJobDone_RepeatsBounded()
    {
        _stack.Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("ok"), delay: TimeSpan.FromMilliseconds(30));
        var jobIds = new List<string>();
        for (var i = 0; i < Jobs; i++)
        {
            jobIds.Add(await _stack.Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = $"job {i}", maxTokens = 16 }));
        }

        await using var survivor = WorkerProcess.Start(Settings("survivor"));
        for (var kill = 0; kill < Kills; kill++)
        {
            var victimId = $"victim-{kill}";
            await using var victim = WorkerProcess.Start(Settings(victimId));
            await Eventually.TrueAsync(async () => await _stack.Redis.ListLengthAsync($"ai-infer:processing:{victimId}") > 0,
                TimeSpan.FromSeconds(60), $"{victimId} holds jobs");
            await victim.KillAsync();
        }

        await Eventually.TrueAsync(
            async () => (await _stack.Redis.HashValuesAsync("ai-infer:status")).Count(s => s == "done") == Jobs,
            TimeSpan.FromSeconds(120),
            "every job is done");

        var statuses = await _stack.Redis.HashGetAllAsync("ai-infer:status");
        var attempts = await Task.WhenAll(jobIds.Select(id => _stack.Redis.HashGetAsync($"job:{id}", "attempts")));
        var repeats = attempts.Sum(a => (int)a) - Jobs;
        var calls = _stack.Providers.LogEntries.Count;
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Select(s => (string)s.Name!), Is.EquivalentTo(jobIds), "one status per job, none lost");
            Assert.That(statuses.All(s => s.Value == "done"), Is.True);
            Assert.That(repeats, Is.GreaterThan(0), "the kills hit jobs in flight");
            // A kill can only repeat the jobs the victim held: at most one per concurrency slot.
            Assert.That(repeats, Is.LessThanOrEqualTo(Kills * Concurrency));
            Assert.That(calls, Is.InRange(Jobs, Jobs + Kills * Concurrency), "answered provider calls");
        });
        TestContext.Out.WriteLine($"{repeats} jobs claimed again and {calls - Jobs} provider answers repeated over {Kills} kills");
    }
}
