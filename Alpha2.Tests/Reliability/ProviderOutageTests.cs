using System.Diagnostics;
using Alpha2.Tests.Infrastructure;
using WireMock;
using WireMock.Types;
using WireMock.Util;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alpha2.Tests.Reliability;

/// <summary>Gemini answering 500, 429 and timeouts for a minute: the circuit opens, jobs end readably, work recovers.</summary>
public sealed class ProviderOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(1);
    private const string Model = "gemini-2.5-flash-lite";
    private const int Seed = 20_261_203;

    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        await _stack.StartWorkerAsync(settings =>
        {
            settings["GEMINI_RPS"] = "10000";
            settings["PROVIDER_RETRIES"] = "2";
            settings["PROVIDER_RETRY_DELAY_MS"] = "10";
            settings["PROVIDER_ATTEMPT_TIMEOUT_SECONDS"] = "1";
            settings["JOB_MAX_ATTEMPTS"] = "2";
            settings["JOB_RETRY_DELAY_MS"] = "500";
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    /// <summary>
    /// Every call fails: 10% answer too late, 27% with 429, the rest with 500. The mix comes from a seeded generator,
    /// so every run sees the same sequence of answers.
    /// </summary>
    private void FailEveryWay()
    {
        var random = new Random(Seed);
        Providers.Given(Request.Create().WithPath(AiFakes.GeminiPath(Model))).RespondWith(Response.Create().WithCallback(async _ =>
        {
            double roll;
            lock (random)
            {
                roll = random.NextDouble();
            }

            if (roll < 0.1)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                return Json(200, AiFakes.GeminiAnswer("late"));
            }

            return roll < 0.37 ? Json(429, AiFakes.GeminiQuotaExhausted) : Json(500, AiFakes.GeminiInternal);
        }));
    }

    private static ResponseMessage Json(int status, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body },
        };
        message.AddHeader("Content-Type", "application/json");
        return message;
    }

    private Task<string> PostAsync(int i) =>
        _stack.Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = Model, prompt = $"outage {i}", maxTokens = 16 });

    [Test]
    public async Task OneMinuteOutage_CircuitOpens_JobsFailReadablyWithinBudget_AndWorkRecovers()
    {
        FailEveryWay();
        var duringOutage = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Outage)
        {
            duringOutage.Add(await PostAsync(duringOutage.Count));
            await Task.Delay(100);
        }

        var finished = await Task.WhenAll(duringOutage.Select(id => _stack.Client.FinishedJobAsync(id, timeoutSeconds: 120)));
        var callsDuringOutage = Providers.LogEntries.Count;
        Providers.Reset();
        Providers.AnswerGemini(Model, AiFakes.GeminiAnswer("recovered"));
        // The breaker stays open for its break duration (5 s) after the last failures, then lets a trial call through.
        var recovered = await Eventually.ResultAsync(async () =>
        {
            var job = await _stack.Client.FinishedJobAsync(await PostAsync(-1));
            return job.GetProperty("status").GetString() == "done" ? job : throw new InvalidOperationException("still failing");
        }, TimeSpan.FromSeconds(60));

        var errors = finished.Where(j => j.GetProperty("status").GetString() == "failed").Select(j => j.GetProperty("error").GetString()!).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(finished.All(j => j.GetProperty("status").GetString() is "done" or "failed"), Is.True, "no job is left hanging");
            Assert.That(errors, Is.Not.Empty);
            Assert.That(errors, Has.Some.Contains("circuit open"), "the breaker opened and spared the provider");
            Assert.That(errors.All(e => e.StartsWith("Gemini", StringComparison.Ordinal)), Is.True, string.Join("\n", errors.Distinct()));
            Assert.That(finished.All(j => j.GetProperty("attempts").GetInt32() <= 2), Is.True, "retries stay within the job's budget");
            // Without the breaker every attempt would make 3 calls.
            Assert.That(callsDuringOutage, Is.LessThan(duringOutage.Count * 2 * 3));
            Assert.That(recovered.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("recovered"));
        });
    }
}
