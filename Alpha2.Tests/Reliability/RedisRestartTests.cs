using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Reliability;

/// <summary>Redis stopped for 10 s under load and restarted from its AOF, with the real API and a real worker process.</summary>
public sealed class RedisRestartTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Test]
    public async Task RedisDownTenSeconds_Api503sFast_WorkerReconnects_EveryAcceptedJobDone()
    {
        var port = RedisServer.FreePort();
        var directory = Directory.CreateTempSubdirectory("alpha2-aof-").FullName;
        await using var redisServer = new RedisProcess(port, directory, "--appendonly yes --appendfsync always");
        redisServer.Start();
        var url = $"redis://127.0.0.1:{port}/0";
        await using var redis = await redisServer.ConnectAsync("abortConnect=false");
        using var providers = WireMockServer.Start();
        providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("ok"), delay: TimeSpan.FromMilliseconds(50));
        await using var api = new ApiFactory(url);
        using var client = api.CreateClient();
        var settings = WorkerHost.TestSettings(url);
        settings["GEMINI_API_URL"] = providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        settings["GEMINI_RPS"] = "10000";
        await using var worker = ServiceProcess.Worker(settings);
        // The API's multiplexer connects in the background and fails fast meanwhile: start once it is ready.
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the API is ready");

        var accepted = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            accepted.Add(await client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = $"before {i}", maxTokens = 16 }));
        }

        await redisServer.StopAsync();
        var outage = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        var answers = new List<HttpStatusCode>();
        while (outage.Elapsed < Outage)
        {
            var call = Stopwatch.StartNew();
            var response = await client.PostAsJsonAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = "during" });
            slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
            answers.Add(response.StatusCode);
            Assert.That(response.Headers.RetryAfter?.Delta, Is.Not.Null, "503s say when to retry");
            await Task.Delay(250);
        }

        redisServer.Start();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the API is ready again");
        var after = await client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = "after" });
        var db = redis.GetDatabase();
        var jobs = accepted.Append(after).ToArray();
        async Task<string[]> NotDoneAsync()
        {
            var statuses = await Task.WhenAll(jobs.Select(id => db.HashGetAsync("ai-infer:status", id)));
            return jobs.Zip(statuses).Where(j => j.Second != "done").Select(j => $"{j.First}={j.Second}").ToArray();
        }

        // Until every job is done, or those that are not have ended failed (no use waiting on them).
        await Eventually.TrueAsync(
            async () => await NotDoneAsync() is var pending && pending.All(j => j.EndsWith("=failed", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90),
            "every job has ended");
        var notDone = await NotDoneAsync();
        Assert.That(notDone, Is.Empty, $"every job accepted before the outage, and one after, is done; worker:\n{worker.Output}");

        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.Not.Empty.And.All.EqualTo(HttpStatusCode.ServiceUnavailable), "503 while Redis is down, never 500 or a hang");
            Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(5)), "a bound, not a benchmark: the API answers without waiting on Redis");
            Assert.That(worker.HasExited, Is.False, worker.Output);
        });
        Directory.Delete(directory, recursive: true);
    }
}
