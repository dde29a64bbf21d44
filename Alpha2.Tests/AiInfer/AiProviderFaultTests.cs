using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alpha2.Tests.AiInfer;

/// <summary>Provider faults through the real resilience pipeline (docs/providers.md §4, §5, §8).</summary>
public sealed class AiProviderFaultTests
{
    private const string Flash = "gemini-2.5-flash";

    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        await _stack.StartWorkerAsync(settings =>
        {
            settings["PROVIDER_RETRIES"] = "2";
            settings["PROVIDER_RETRY_DELAY_MS"] = "10";
            settings["PROVIDER_ATTEMPT_TIMEOUT_SECONDS"] = "1";
            settings["JOB_MAX_ATTEMPTS"] = "2";
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [SetUp]
    public void ResetProviders() => Providers.Reset();

    private async Task<System.Text.Json.JsonElement> RunAsync(string provider, string model, string prompt)
    {
        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider, model, prompt });
        return await Client.FinishedJobAsync(jobId, timeoutSeconds: 60);
    }

    private void FailOnceThenAnswer(string path, int status, string body, string answer, string? retryAfter = null)
    {
        var failure = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is not null)
        {
            failure = failure.WithHeader("retry-after", retryAfter);
        }

        Providers.Given(Request.Create().WithPath(path).UsingPost()).InScenario(path).WillSetStateTo("ok").RespondWith(failure);
        Providers.Given(Request.Create().WithPath(path).UsingPost()).InScenario(path).WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(answer));
    }

    // By path: a slow answer from an earlier test can still land in the log after the reset.
    private int CallsTo(string path) => Providers.LogEntries.Count(e => e.RequestMessage.Path == path);

    private TimeSpan GapBetweenFirstTwoRequests(string path)
    {
        var times = Providers.LogEntries.Where(e => e.RequestMessage.Path == path).Select(e => e.RequestMessage.DateTime).Order().ToArray();
        Assert.That(times, Has.Length.EqualTo(2), string.Join("; ", Providers.LogEntries.Select(e => $"{e.RequestMessage.DateTime:HH:mm:ss.fff} {e.RequestMessage.Path} {e.ResponseMessage.StatusCode}")));
        return times[1] - times[0];
    }

    [Test]
    public async Task Gemini429_WithRetryInfo_IsRetriedAfterTheDelayItAsksFor()
    {
        FailOnceThenAnswer(AiFakes.GeminiPath(Flash), 429, AiFakes.GeminiQuotaExhausted, AiFakes.GeminiAnswer("after the wait"));

        var job = await RunAsync("gemini", Flash, "quota");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(job.GetProperty("attempts").GetInt32(), Is.EqualTo(1), "the HTTP pipeline retried inside the first attempt");
        // RetryInfo said 1s; the default backoff here is 10 ms.
        Assert.That(GapBetweenFirstTwoRequests(AiFakes.GeminiPath(Flash)), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)));
    }

    [Test]
    public async Task Groq429_WithRetryAfterHeader_IsRetriedAfterThatDelay()
    {
        FailOnceThenAnswer(AiFakes.GroqPath, 429, AiFakes.GroqRateLimited, AiFakes.GroqAnswer("after the wait"), retryAfter: "1");

        var job = await RunAsync("groq", "llama-3.3-70b-versatile", "tpm");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(GapBetweenFirstTwoRequests(AiFakes.GroqPath), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)));
    }

    [Test]
    public async Task Gemini503Overloaded_ThenAnswer_EndsDone()
    {
        FailOnceThenAnswer(AiFakes.GeminiPath(Flash), 503, AiFakes.GeminiOverloaded, AiFakes.GeminiAnswer("back"));

        var job = await RunAsync("gemini", Flash, "overloaded");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("back"));
    }

    [Test]
    public async Task Gemini500EveryTime_FailsAfterItsBudget_WithTheProvidersMessage()
    {
        Providers.AnswerGemini(Flash, AiFakes.GeminiInternal, status: 500);

        var job = await RunAsync("gemini", Flash, "always broken");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("server error (500)").And.Contain("INTERNAL"));
        Assert.That(job.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
        // 2 job attempts × (1 call + 2 HTTP retries): bounded, not endless.
        Assert.That(CallsTo(AiFakes.GeminiPath(Flash)), Is.EqualTo(6));
    }

    [Test]
    public async Task GeminiTimeout_FailsSayingItDidNotAnswerInTime()
    {
        // Its own model, so its late answers cannot land in another test's request log.
        Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("too slow"), delay: TimeSpan.FromSeconds(3));

        var job = await RunAsync("gemini", "gemini-2.5-flash-lite", "slow");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("did not answer in time"));
    }

    [Test]
    public async Task Gemini400_FailsAtOnce_WithTheReason()
    {
        Providers.AnswerGemini(Flash, AiFakes.GeminiInvalidArgument, status: 400);

        var job = await RunAsync("gemini", Flash, "bad");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("rejected the request (400)").And.Contain("INVALID_ARGUMENT"));
        Assert.That(CallsTo(AiFakes.GeminiPath(Flash)), Is.EqualTo(1), "a client error is not retried");
    }

    [Test]
    public async Task Groq401_FailsNamingGroqApiKey()
    {
        Providers.AnswerGroq(AiFakes.GroqInvalidKey, status: 401);

        var job = await RunAsync("groq", "llama-3.1-8b-instant", "who am i");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("GROQ_API_KEY").And.Contain("invalid_api_key").And.Not.Contain(AiFakes.GroqKey));
    }

    [Test]
    public async Task GeminiBlockedPrompt_FailsWithTheBlockReason()
    {
        Providers.AnswerGemini(Flash, AiFakes.GeminiBlockedPrompt);

        var job = await RunAsync("gemini", Flash, "something dangerous");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("SAFETY"));
    }

    [TestCase("""{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"22s"}]}}""", 22.0)]
    [TestCase("""{"error":{"details":[{"@type":"x"},{"retryDelay":"1.5s"}]}}""", 1.5)]
    public void GoogleRetryInfo_IsRead(string body, double seconds)
    {
        Assert.That(RetryDelay.GoogleRetryDelay(body), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("""{"error":{"message":"no details"}}""")]
    [TestCase("<html>503</html>")]
    [TestCase("""{"error":{"details":[{"retryDelay":"soon"}]}}""")]
    [TestCase("""{"error":"Too many requests"}""")]
    [TestCase("""[{"error":{}}]""")]
    [TestCase("""{"error":{"details":[1,"x",{"retryDelay":22}]}}""")]
    public void GoogleRetryInfo_Missing_GivesNoDelay(string body)
    {
        Assert.That(RetryDelay.GoogleRetryDelay(body), Is.Null);
    }
}
