using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Api;

public sealed class RequestValidationTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()), new Dictionary<string, string?>
        {
            ["AI_MAX_PROMPT_CHARS"] = "100",
            ["AI_MAX_TOKENS"] = "256",
        });
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> BadBodies()
    {
        yield return new TestCaseData("/api/cex-radar/search", """{"query":""}""", "query").SetName("CexSearch_EmptyQuery_Is400NamingQuery");
        yield return new TestCaseData("/api/cex-radar/search", """{"query":"   "}""", "query").SetName("CexSearch_BlankQuery_Is400NamingQuery");
        yield return new TestCaseData("/api/cex-radar/search", $$"""{"query":"{{new string('A', 65)}}"}""", "query").SetName("CexSearch_QueryOver64Chars_Is400NamingQuery");
        yield return new TestCaseData("/api/cex-radar/search", """{"query":"OPT';DROP--\u0000"}""", "query").SetName("CexSearch_ControlAndQuoteCharacters_Are400");
        yield return new TestCaseData("/api/cex-radar/search", "{}", "query").SetName("CexSearch_MissingQuery_Is400NamingQuery");
        yield return new TestCaseData("/api/ai/infer", """{"provider":"openai","model":"gpt-4o","prompt":"hi"}""", "provider").SetName("AiInfer_UnknownProvider_Is400NamingProvider");
        yield return new TestCaseData("/api/ai/infer", """{"provider":"gemini","model":"gemini-1.0-pro","prompt":"hi"}""", "model").SetName("AiInfer_ModelOutsideConfiguredList_Is400NamingModel");
        yield return new TestCaseData("/api/ai/infer", """{"provider":"groq","model":"gemini-2.5-flash","prompt":"hi"}""", "model").SetName("AiInfer_ModelOfAnotherProvider_Is400NamingModel");
        yield return new TestCaseData("/api/ai/infer", """{"provider":"gemini","prompt":"hi"}""", "model").SetName("AiInfer_MissingModel_Is400NamingModel");
        yield return new TestCaseData("/api/cex-radar/search", """{"query":"$"}""", "query").SetName("CexSearch_OnlyACashtagSign_Is400NamingQuery");
        yield return new TestCaseData("/api/ai/infer", """{"provider":"gemini","model":"gemini-2.5-flash","prompt":""}""", "prompt").SetName("AiInfer_EmptyPrompt_Is400NamingPrompt");
        yield return new TestCaseData("/api/ai/infer", $$"""{"provider":"gemini","model":"gemini-2.5-flash","prompt":"{{new string('x', 101)}}"}""", "prompt").SetName("AiInfer_PromptOverConfiguredLength_Is400NamingPrompt");
        yield return new TestCaseData("/api/ai/infer", """{"provider":"gemini","model":"gemini-2.5-flash","prompt":"hi","maxTokens":257}""", "maxTokens").SetName("AiInfer_MaxTokensOverCap_Is400NamingMaxTokens");
        yield return new TestCaseData("/api/ai/infer", """{"provider":"gemini","model":"gemini-2.5-flash","prompt":"hi","maxTokens":0}""", "maxTokens").SetName("AiInfer_ZeroMaxTokens_Is400NamingMaxTokens");
        yield return new TestCaseData("/api/whales/scan", """{"mints":["not-a-mint"]}""", "mints[0]").SetName("WhaleScan_MintThatIsNotBase58_Is400NamingIt");
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task InvalidBody_Is400ProblemNamingTheField(string path, string body, string field)
    {
        var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("/api/ai/infer", """{"provider":"gemini","model":""")]
    [TestCase("/api/cex-radar/search", """{"query":42}""")]
    [TestCase("/api/cex-radar/search", "not json")]
    [TestCase("/api/whales/scan", """{"mints":"abc"}""")]
    [TestCase("/api/ai/infer", """{"provider":"gemini","model":"gemini-2.5-flash","prompt":"hi","maxTokens":"5"}""")]
    public async Task MalformedJson_Is400Problem_NotA500(string path, string body)
    {
        var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task BodyOver64KiB_Is413Problem()
    {
        var body = $$"""{"query":"{{new string('A', 70_000)}}"}""";

        var response = await _client.PostAsync("/api/cex-radar/search", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task WrongContentType_Is415Problem()
    {
        var response = await _client.PostAsync("/api/cex-radar/search", new StringContent("query=OPTIMUS", Encoding.UTF8, "text/plain"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [TestCase("/api/jobs/ai-infer:123")]
    [TestCase("/api/jobs/nope")]
    [TestCase("/api/jobs/..%2F..%2Fetc%2Fpasswd")]
    public async Task UnknownJob_Is404Problem(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("/api/jobs/ai-infer:1?wait=31", "wait")]
    [TestCase("/api/helius/mints?limit=0", "limit")]
    [TestCase("/api/helius/mints?limit=501", "limit")]
    public async Task QueryOutOfRange_Is400NamingIt(string path, string field)
    {
        var response = await _client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True);
    }

    [TestCase("/api/cex-radar/result")]
    [TestCase("/api/helius/mints")]
    [TestCase("/api/whales/top3")]
    public async Task ResultEndpoints_BeforeAnyResult_AnswerEmptyArray(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
    }

    [Test]
    public async Task OpenApiDocument_And_DocsPage_AreServed()
    {
        var openApi = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var docs = await _client.GetAsync("/docs/index.html");

        string? Schema(string path, string method, string status) => openApi.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(Schema("/api/ai/infer", "post", "202"), Does.EndWith("/JobAccepted"));
            Assert.That(Schema("/api/jobs/{jobId}", "get", "200"), Does.EndWith("/JobView"));
            Assert.That(docs.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Health_LiveAndReady_AreHealthyWithRedisUp()
    {
        Assert.That((await _client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
