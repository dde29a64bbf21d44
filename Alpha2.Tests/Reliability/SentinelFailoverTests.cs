using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// Failovers under load, all real processes: a primary, a replica and three sentinels; the sandbox; two workers and the
/// API given <c>redis+sentinel://</c>. A thousand AI jobs are posted while the primary fails over; each test prints
/// what docs/scaling.md reports (acknowledged, done, lost, seconds to the first job done after the failover).
/// </summary>
[NonParallelizable]
public sealed class SentinelFailoverTests
{
    private const int Jobs = 1_000;
    private const int FailAfter = 300;

    [Test]
    public async Task SentinelFailover_WithDurableEnqueues_EveryAcknowledgedJobIsDone_AndWorkersFollowTheNewPrimary()
    {
        var report = await RunAsync("SENTINEL FAILOVER", minReplicas: 1, set => set.FailoverAsync());

        Assert.That(report.Done, Is.EqualTo(report.Acknowledged), report.ToString());
    }

    [Test]
    public async Task PrimaryKilled_WithDurableEnqueues_NoAcknowledgedJobIsLost()
    {
        var report = await RunAsync("SIGKILL of the primary", minReplicas: 1, KillPrimaryThenRestartItAsync);

        Assert.That(report.Done, Is.EqualTo(report.Acknowledged), report.ToString());
    }

    [Test]
    public async Task PrimaryKilled_WithoutDurableEnqueues_WorkersGoOnWithTheNewPrimary()
    {
        // Replication is asynchronous: what the primary acknowledged in its last moments may never reach the replica.
        // What must hold is that the service goes on: jobs posted after the failover are done.
        var report = await RunAsync("SIGKILL of the primary", minReplicas: 0, KillPrimaryThenRestartItAsync);

        Assert.That(report.DoneAfterFailover, Is.EqualTo(report.AcknowledgedAfterFailover), report.ToString());
        Assert.That(report.AcknowledgedAfterFailover, Is.GreaterThan(0), report.ToString());
    }

    /// <summary>The primary dies; once a replica has taken over, it comes back empty, as an orchestrator restarts it, and is made a replica.</summary>
    private static async Task KillPrimaryThenRestartItAsync(SentinelSet set)
    {
        await set.Primary.KillAsync();
        await Eventually.TrueAsync(async () => await set.PrimaryPortAsync() == set.Replica.Port, TimeSpan.FromSeconds(30), "the sentinels promoted the replica");
        set.Primary.Start();
    }

    private static async Task<FailoverReport> RunAsync(string failure, int minReplicas, Func<SentinelSet, Task> fail)
    {
        await using var set = await SentinelSet.StartAsync();
        await using var stack = await ServiceStack.StartAsync(set, new Dictionary<string, string?>
        {
            // A failover takes seconds: the production heartbeat lifetime, so replicas do not presume each other dead meanwhile.
            ["WORKER_HEARTBEAT_TTL_SECONDS"] = "15",
            ["WORKER_REAPER_SECONDS"] = "5",
            ["GEMINI_RPS"] = "100000",
            ["AI_DAILY_SPEND_CAP_USD"] = "1000",
            ["ENQUEUE_MIN_REPLICAS"] = minReplicas.ToString(CultureInfo.InvariantCulture),
            ["RATE_LIMIT_PER_MINUTE"] = "0",
        });
        var second = stack.StartWorker();
        using var http = new HttpClient { BaseAddress = new Uri(stack.ApiUrl), Timeout = TimeSpan.FromSeconds(10) };

        var accepted = new ConcurrentDictionary<string, bool>(); // id → posted after the failure began
        var refused = 0;
        var failedAt = 0L;
        var clock = Stopwatch.StartNew();
        Task? failing = null;
        while (accepted.Count < Jobs && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (accepted.Count == FailAfter && failing is null)
            {
                failedAt = clock.ElapsedMilliseconds;
                failing = fail(set);
            }

            var after = failing is not null;
            using var answer = await PostAsync(http, accepted.Count);
            if (answer?.StatusCode == HttpStatusCode.Accepted)
            {
                accepted[(await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!] = after;
            }
            else
            {
                refused++;
                // 503 with Retry-After while the enqueue cannot be made durable; a client waits and posts again.
                await Task.Delay(100);
            }
        }

        await (failing ?? Task.CompletedTask);
        var finishedAt = new ConcurrentDictionary<string, DateTimeOffset>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (finishedAt.Count < accepted.Count && DateTime.UtcNow < deadline)
        {
            foreach (var id in accepted.Keys.Where(id => !finishedAt.ContainsKey(id)).Take(200))
            {
                if (await JobAsync(http, id) is { } job && job.GetProperty("status").GetString() == "done")
                {
                    finishedAt[id] = job.GetProperty("finishedAt").GetDateTimeOffset();
                }
            }
        }

        var failedAtUtc = DateTimeOffset.UtcNow - clock.Elapsed + TimeSpan.FromMilliseconds(failedAt);
        var firstAfter = accepted.Where(a => a.Value && finishedAt.ContainsKey(a.Key)).Select(a => finishedAt[a.Key]).DefaultIfEmpty().Min();
        var report = new FailoverReport(
            failure,
            minReplicas,
            accepted.Count,
            refused,
            finishedAt.Count,
            accepted.Count(a => a.Value),
            accepted.Count(a => a.Value && finishedAt.ContainsKey(a.Key)),
            firstAfter == default ? null : (firstAfter - failedAtUtc).TotalSeconds);
        await TestContext.Progress.WriteLineAsync(report.ToString());
        if (report.Lost > 0)
        {
            await TestContext.Progress.WriteLineAsync($"--- the stack's last lines:\n{string.Join('\n', stack.Logs.Split('\n').TakeLast(80))}");
            await TestContext.Progress.WriteLineAsync($"--- the sentinels and the servers:\n{set.Logs}");
        }

        Assert.That(stack.Worker.HasExited || second.HasExited, Is.False, "a worker died");
        return report;
    }

    private static async Task<HttpResponseMessage?> PostAsync(HttpClient http, int n)
    {
        try
        {
            return await http.PostAsJsonAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = $"failover {n}", maxTokens = 16 });
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<JsonElement?> JobAsync(HttpClient http, string id)
    {
        try
        {
            using var answer = await http.GetAsync($"/api/jobs/{id}");
            return answer.IsSuccessStatusCode ? await answer.Content.ReadFromJsonAsync<JsonElement>() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private sealed record FailoverReport(
        string Failure,
        int MinReplicas,
        int Acknowledged,
        int Refused,
        int Done,
        int AcknowledgedAfterFailover,
        int DoneAfterFailover,
        double? SecondsToFirstJobDoneAfterFailover)
    {
        public int Lost => Acknowledged - Done;

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Failure}, ENQUEUE_MIN_REPLICAS={MinReplicas}: {Acknowledged} acknowledged with 202 ({Refused} refused with 503 or no answer), "
            + $"{Done} done, {Lost} lost; {AcknowledgedAfterFailover} acknowledged after the failure began, {DoneAfterFailover} of them done; "
            + $"first job done after the failure: {SecondsToFirstJobDoneAfterFailover:0.00} s");
    }
}
