using Alpha2.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alpha2.Tests.Reliability;

/// <summary>Providers answering garbage: each job fails with a readable error and the worker goes on.</summary>
public sealed class HostileProviderTests
{
    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        await _stack.StartWorkerAsync(settings =>
        {
            settings["PROVIDER_MAX_RESPONSE_BYTES"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["JOB_MAX_ATTEMPTS"] = "1";
            HeliusFakes.Configure(settings, _stack.Providers);
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [SetUp]
    public void Reset() => Providers.Reset();

    private async Task<System.Text.Json.JsonElement> AskGeminiAsync()
    {
        var jobId = await _stack.Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "hostile" });
        return await _stack.Client.FinishedJobAsync(jobId);
    }

    private static IEnumerable<TestCaseData> Garbage()
    {
        yield return new TestCaseData("text/html", "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "not its documented JSON").SetName("HtmlInsteadOfJson_FailsSayingSo");
        yield return new TestCaseData("application/json", """{"candidates":[{"content":{"parts":[{"text":"x"}]}}],"usageMetadata":{"promptTokenCount":9007199254740993,"totalTokenCount":1}}""", "not its documented JSON").SetName("NumbersBeyondTwoToThe53_FailSayingSo");
        yield return new TestCaseData("application/json", """{"candidates":null,"usageMetadata":null,"promptFeedback":null}""", "no answer").SetName("NullEverywhere_FailsSayingThereIsNoAnswer");
        yield return new TestCaseData("application/json", """{"candidates":[null],"usageMetadata":{"promptTokenCount":null}}""", "Gemini").SetName("NullCandidates_FailReadably");
        yield return new TestCaseData("application/json", "", "Gemini").SetName("EmptyBody_FailsReadably");
    }

    [TestCaseSource(nameof(Garbage))]
    public async Task GarbageAnswer(string contentType, string body, string error)
    {
        Providers.Given(Request.Create().WithPath(AiFakes.GeminiPath("gemini-2.5-flash")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));

        var job = await AskGeminiAsync();

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain(error));
        await WorkerGoesOnAsync();
    }

    private static IEnumerable<TestCaseData> HeliusGarbage()
    {
        yield return new TestCaseData("text/html", "<html><body>Cloudflare: attention required</body></html>", "Helius answered with a body that is not its documented JSON").SetName("Helius_HtmlInsteadOfJson_FailsTheScanSayingSo");
        yield return new TestCaseData("application/json", "[]", "Helius answered without a result for every request").SetName("Helius_BatchWithoutOurIds_FailsTheScanSayingSo");
        yield return new TestCaseData("application/json", """{"jsonrpc":"2.0","id":null,"result":null}""", "Helius answered without a result for every request").SetName("Helius_NullEverywhere_FailsTheScanSayingSo");
        yield return new TestCaseData("application/json", """{"jsonrpc":"2.0","id":"largest-0","error":{"code":-32005,"message":"Node is behind by 9007199254740993 slots"}}""", "Helius RPC error -32005: Node is behind").SetName("Helius_RpcErrorWithHugeNumbers_FailsTheScanSayingSo");
    }

    [TestCaseSource(nameof(HeliusGarbage))]
    public async Task HeliusGarbageAnswer(string contentType, string body, string error)
    {
        Providers.Given(Request.Create().WithPath(HeliusFakes.RpcPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));

        var jobId = await _stack.Client.PostJobAsync("/api/whales/scan", new { mints = new[] { "DoGE99mint1111111111111111111111111111pump" } });
        var job = await _stack.Client.FinishedJobAsync(jobId);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain(error));
        await WorkerGoesOnAsync();
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task HundredMegabyteAnswer_IsCutOff_AndTheJobFailsSayingItIsTooLarge(bool declaredLength)
    {
        var huge = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + new string('A', 100 * 1024 * 1024) + "\"}]}}]}";
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(huge);
        Providers.Given(Request.Create().WithPath(AiFakes.GeminiPath("gemini-2.5-flash")).UsingPost())
            .RespondWith(declaredLength ? response : response.WithTransformer(false).WithHeader("Transfer-Encoding", "chunked"));

        var job = await AskGeminiAsync();

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("larger than 1 MiB"));
        await WorkerGoesOnAsync();
    }

    private async Task WorkerGoesOnAsync()
    {
        Providers.Reset();
        Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("still here"));
        var job = await AskGeminiAsync();
        Assert.That(job.GetProperty("result").GetProperty("text").GetString(), Is.EqualTo("still here"), "the worker goes on");
    }
}
