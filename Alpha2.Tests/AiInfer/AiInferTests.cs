using System.Text.Json;
using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.AiInfer;

/// <summary>POST /api/ai/infer through Redis and the real worker to a WireMock Gemini and Groq, and back as UI JSON.</summary>
public sealed class AiInferTests
{
    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    private IDatabase Redis => _stack.Redis;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        await _stack.StartWorkerAsync(settings => settings["GROQ_RPS"] = "3");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [SetUp]
    public void ResetProviders() => Providers.Reset();

    [Test]
    public async Task Gemini_Prompt_AnswersTextTokensAndCost_FromUsageAndThePriceTable()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("Looks risky.", prompt: 34, candidates: 418));

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "Summarise $DOGE99", maxTokens = 300 });
        var job = await Client.FinishedJobAsync(jobId);

        var result = job.GetProperty("result");
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(result.GetProperty("text").GetString(), Is.EqualTo("Looks risky."));
            Assert.That(result.GetProperty("tokens").GetInt32(), Is.EqualTo(452));
            // 34 × $0.30/M + 418 × $2.50/M
            Assert.That(result.GetProperty("cost").GetDecimal(), Is.EqualTo(0.001055m));
        });
    }

    [Test]
    public async Task Gemini_AnAnswerCutByMaxTokens_SaysItIsTruncated_WithGeminisFinishReason()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("OPTIMUS is listed on Bin", candidates: 16, finishReason: "MAX_TOKENS"));

        var result = (await Client.FinishedJobAsync(await Client.PostJobAsync(
            "/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "Where is OPTIMUS listed?", maxTokens = 16 }))).GetProperty("result");

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("text").GetString(), Is.EqualTo("OPTIMUS is listed on Bin"));
            Assert.That(result.GetProperty("truncated").GetBoolean(), Is.True);
            Assert.That(result.GetProperty("finish_reason").GetString(), Is.EqualTo("MAX_TOKENS"));
        });
    }

    [Test]
    public async Task Groq_AnAnswerCutByMaxTokens_SaysItIsTruncated_AndAWholeOneSaysItIsNot()
    {
        Providers.AnswerGroq(AiFakes.GroqAnswer("DOGE99 has a cop", completion: 8, finishReason: "length"));
        var cut = (await Client.FinishedJobAsync(await Client.PostJobAsync(
            "/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "Is $DOGE99 original?", maxTokens = 8 }))).GetProperty("result");
        Providers.Reset();
        Providers.AnswerGroq(AiFakes.GroqAnswer("DOGE99 has a copycat."));
        var whole = (await Client.FinishedJobAsync(await Client.PostJobAsync(
            "/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "Is $DOGE99 original, in short?", maxTokens = 64 }))).GetProperty("result");

        Assert.Multiple(() =>
        {
            Assert.That(cut.GetProperty("truncated").GetBoolean(), Is.True);
            Assert.That(cut.GetProperty("finish_reason").GetString(), Is.EqualTo("length"));
            Assert.That(whole.GetProperty("truncated").GetBoolean(), Is.False);
            Assert.That(whole.GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        });
    }

    [Test]
    public async Task Gemini_Request_CarriesKeyHeader_TokenCap_NoThinking_AndThePrompt()
    {
        Providers.AnswerGemini("gemini-2.5-flash-lite", AiFakes.GeminiAnswer("ok"));

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = "Is $X safe?", maxTokens = 128 });
        await Client.FinishedJobAsync(jobId);

        var sent = Providers.LogEntries.Single().RequestMessage;
        var body = JsonDocument.Parse(sent.Body!).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(sent.Path, Is.EqualTo("/v1beta/models/gemini-2.5-flash-lite:generateContent"));
            Assert.That(sent.Headers!["x-goog-api-key"], Is.EqualTo(new[] { AiFakes.GeminiKey }));
            Assert.That(sent.Url, Does.Not.Contain(AiFakes.GeminiKey), "the key never goes in the URL");
            Assert.That(body.GetProperty("contents")[0].GetProperty("parts")[0].GetProperty("text").GetString(), Is.EqualTo("Is $X safe?"));
            Assert.That(body.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32(), Is.EqualTo(128));
            Assert.That(body.GetProperty("generationConfig").GetProperty("thinkingConfig").GetProperty("thinkingBudget").GetInt32(), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Gemini_ThinkingTokens_BillAsOutput()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("ok", prompt: 34, candidates: 418, thoughts: 438));

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "think" });
        var result = (await Client.FinishedJobAsync(jobId)).GetProperty("result");

        Assert.That(result.GetProperty("tokens").GetInt32(), Is.EqualTo(890));
        // 34 × 0.30 + (418 + 438) × 2.50, per million
        Assert.That(result.GetProperty("cost").GetDecimal(), Is.EqualTo(0.00215m));
    }

    [Test]
    public async Task Trace_FromTheApiRequest_ContinuesIntoTheProviderCall_WhenSpansAreRecorded()
    {
        // Spans are recorded only for a listener, as the OTLP exporter's tracer is one (docs/metrics.md); API and
        // worker share this process, so one listener stands for both hosts' tracers.
        using var tracer = new CapturedTelemetry();
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("ok"));
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "trace me" }, $"00-{traceId}-00f067aa0ba902b7-01");
        await Client.FinishedJobAsync(jobId);

        var traceparent = Providers.LogEntries.Single().RequestMessage.Headers!["traceparent"].Single();
        Assert.That(traceparent, Does.StartWith($"00-{traceId}-"));
    }

    [Test]
    public async Task Groq_Prompt_SendsBearerAndMaxCompletionTokens_AndPricesTheAnswer()
    {
        Providers.AnswerGroq(AiFakes.GroqAnswer("Probably a copycat.", prompt: 24, completion: 377));

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.3-70b-versatile", prompt = "Is $DOGE99 original?", maxTokens = 512 });
        var job = await Client.FinishedJobAsync(jobId);

        var sent = Providers.LogEntries.Single().RequestMessage;
        var body = JsonDocument.Parse(sent.Body!).RootElement;
        var result = job.GetProperty("result");
        Assert.Multiple(() =>
        {
            Assert.That(sent.Path, Is.EqualTo("/v1/chat/completions"));
            Assert.That(sent.Headers!["Authorization"], Is.EqualTo(new[] { $"Bearer {AiFakes.GroqKey}" }));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("llama-3.3-70b-versatile"));
            Assert.That(body.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(512));
            Assert.That(body.GetProperty("messages")[0].GetProperty("content").GetString(), Is.EqualTo("Is $DOGE99 original?"));
            Assert.That(result.GetProperty("text").GetString(), Is.EqualTo("Probably a copycat."));
            Assert.That(result.GetProperty("tokens").GetInt32(), Is.EqualTo(401));
            // 24 × $0.59/M + 377 × $0.79/M = 0.00031199 → 6 decimals
            Assert.That(result.GetProperty("cost").GetDecimal(), Is.EqualTo(0.000312m));
        });
    }

    [Test]
    public async Task Gemini_MaxTokensWithoutContent_FailsWithAReadableError()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiMaxTokensWithoutContent);

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "long", maxTokens = 1 });
        var job = await Client.FinishedJobAsync(jobId);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("max-tokens cap"));
    }

    [Test]
    public async Task Gemini_429ThenAnswer_RetriesTheJobAndEndsDone()
    {
        Providers.Given(WireMock.RequestBuilders.Request.Create().WithPath(AiFakes.GeminiPath("gemini-2.5-flash")).UsingPost())
            .InScenario("quota").WillSetStateTo("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json").WithBody(AiFakes.GeminiQuotaExhausted));
        Providers.Given(WireMock.RequestBuilders.Request.Create().WithPath(AiFakes.GeminiPath("gemini-2.5-flash")).UsingPost())
            .InScenario("quota").WhenStateIs("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AiFakes.GeminiAnswer("second time")));

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "retry" });
        var job = await Client.FinishedJobAsync(jobId);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("second time"));
        Assert.That(job.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Gemini_RefusedKey_FailsNamingTheVariable_AndKeepsACopyInTheDeadList()
    {
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiPermissionDenied, status: 403);

        var jobId = await Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "denied" });
        var job = await Client.FinishedJobAsync(jobId);

        var error = job.GetProperty("error").GetString();
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(error, Does.Contain("GEMINI_API_KEY").And.Contain("PERMISSION_DENIED").And.Not.Contain(AiFakes.GeminiKey));
        Assert.That(job.GetProperty("attempts").GetInt32(), Is.EqualTo(1), "a refused key is not retried");
        var dead = (await Redis.ListRangeAsync("ai-infer:dead")).Select(d => JsonDocument.Parse((string)d!).RootElement);
        Assert.That(dead.Any(d => d.GetProperty("id").GetString() == jobId && d.GetProperty("error").GetString() == error), Is.True);
    }

    [Test]
    public async Task Groq_RequestsPerSecond_HoldAcrossTheQueue()
    {
        Providers.AnswerGroq(AiFakes.GroqAnswer("ok"));

        var jobIds = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            jobIds.Add(await Client.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = $"rps {i}" }));
        }

        foreach (var jobId in jobIds)
        {
            Assert.That((await Client.FinishedJobAsync(jobId)).GetProperty("status").GetString(), Is.EqualTo("done"));
        }

        // GROQ_RPS=3 counts calls per unix second, and a one-second window straddles at most two of them: whatever
        // the phase of the seconds, no such window sees more than 6 calls, and 9 calls span at least three seconds.
        var sent = Providers.LogEntries.Select(e => e.RequestMessage.DateTime).Order().ToArray();
        var busiestSecond = sent.Max(start => sent.Count(t => t >= start && t < start.AddSeconds(1)));
        Assert.Multiple(() =>
        {
            Assert.That(busiestSecond, Is.LessThanOrEqualTo(2 * 3), "calls in any one-second window");
            Assert.That(sent[^1] - sent[0], Is.GreaterThan(TimeSpan.FromSeconds(1)), "9 calls at 3 a second need three seconds");
        });
    }
}
