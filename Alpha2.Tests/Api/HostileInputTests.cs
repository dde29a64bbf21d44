using System.Text;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Api;

/// <summary>A corpus of hostile requests against every endpoint: never a 5xx, never a stack trace, every error problem+json.</summary>
public sealed class HostileInputTests
{
    private const string WebhookPath = "/api/helius/webhook";
    private const string WebhookSecret = "hostile-webhook-secret";
    private static readonly string[] PostPaths = ["/api/ai/infer", "/api/cex-radar/search", "/api/whales/scan", WebhookPath];

    private static readonly string[] Nasty =
    [
        "", " ", "\u0000", "\u0007\u001b[31m", "'; DROP TABLE jobs; --", "\" OR 1=1 --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}",
        "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "\uFEFF", "\uD800", "😀🚀", "ai-infer:*", "*", "]]; redis.call('FLUSHALL') --",
        "\r\nX-Injected: 1", new string('A', 10_000), "OPTIMUS\nNEW", "$$$", "-1", "1e309", "NaN",
    ];

    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The webhook answers 404 without a secret; with one, hostile bodies reach its parser.
        _api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()), new Dictionary<string, string?> { ["HELIUS_WEBHOOK_AUTH"] = WebhookSecret });
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    private static IEnumerable<(string Name, Func<HttpRequestMessage> Request)> Corpus()
    {
        static HttpRequestMessage Post(string path, byte[] body, string contentType = "application/json")
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            if (path == WebhookPath)
            {
                request.Headers.TryAddWithoutValidation("Authorization", WebhookSecret);
            }

            return request;
        }

        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

        foreach (var path in PostPaths)
        {
            string[] bodies =
            [
                "{", "}", "[", "null", "true", "42", "\"string\"", "[]", "{\"query\":", "{\"provider\":\"gemini\",", "{'query':'x'}", "{query:1}",
                "{\"query\":42}", "{\"query\":[\"a\"]}", "{\"query\":{\"$gt\":\"\"}}", "{\"mints\":\"abc\"}", "{\"mints\":[1,2]}", "{\"mints\":[null]}",
                "{\"maxTokens\":1e400}", "{\"maxTokens\":9007199254740993}", "{\"maxTokens\":-1}", "{\"maxTokens\":\"5\"}",
                "{\"provider\":null,\"model\":null,\"prompt\":null}", "{\"__proto__\":{\"x\":1}}", "{\"query\":\"OPTIMUS\",\"query\":\"\"}",
                new string('[', 5_000) + new string(']', 5_000), "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
            ];
            foreach (var body in bodies)
            {
                yield return ($"{path} {body[..Math.Min(body.Length, 40)]}", () => Post(path, Utf8(body)));
            }

            foreach (var nasty in Nasty)
            {
                yield return ($"{path} nasty query {nasty[..Math.Min(nasty.Length, 20)]}", () => Post(path, Utf8($"{{\"query\":{Json(nasty)},\"provider\":{Json(nasty)},\"model\":{Json(nasty)},\"prompt\":{Json(nasty)},\"mints\":[{Json(nasty)}]}}")));
            }

            yield return ($"{path} invalid UTF-8", () => Post(path, [.. Utf8("{\"query\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")]));
            yield return ($"{path} 10 MB", () => Post(path, Utf8("{\"query\":\"" + new string('A', 10 * 1024 * 1024) + "\"}")));
            yield return ($"{path} 70 KB", () => Post(path, Utf8("{\"prompt\":\"" + new string('A', 70 * 1024) + "\"}")));
            yield return ($"{path} text/plain", () => Post(path, Utf8("{\"query\":\"OPTIMUS\"}"), "text/plain"));
            yield return ($"{path} xml", () => Post(path, Utf8("<query>OPTIMUS</query>"), "application/xml"));
            yield return ($"{path} form", () => Post(path, Utf8("query=OPTIMUS"), "application/x-www-form-urlencoded"));
            yield return ($"{path} no content type", () => new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Utf8("{}")) });
            yield return ($"{path} unknown fields", () => Post(path, Utf8("{\"query\":\"OPTIMUS\",\"provider\":\"groq\",\"model\":\"llama-3.1-8b-instant\",\"prompt\":\"p\",\"admin\":true,\"id\":\"ai-infer:1\"}")));
            yield return ($"{path} GET", () => new HttpRequestMessage(HttpMethod.Get, path));
            yield return ($"{path} DELETE", () => new HttpRequestMessage(HttpMethod.Delete, path));
        }

        foreach (var nasty in Nasty.Where(n => n.Length < 1_000))
        {
            var escaped = Uri.EscapeDataString(nasty);
            // Kestrel refuses a NUL in a path with 400 before routing; the in-memory test host cannot even send one.
            if (!nasty.Contains('\0', StringComparison.Ordinal) && !nasty.Contains("%00", StringComparison.Ordinal))
            {
                yield return ($"job {nasty}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{escaped}"));
                yield return ($"job ai-infer:{nasty}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/ai-infer:{escaped}?wait=1"));
            }

            yield return ($"wait {nasty}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/ai-infer:1?wait={escaped}"));
            yield return ($"cex result {nasty}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/cex-radar/result?jobId={escaped}"));
            yield return ($"top3 {nasty}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/whales/top3?jobId=whales:{escaped}"));
            yield return ($"mints {nasty}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/helius/mints?limit={escaped}"));
            yield return ($"metrics {nasty}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/metrics/latency-usage?lang={escaped}"));
        }

        yield return ("job id 5000 chars", () => new HttpRequestMessage(HttpMethod.Get, "/api/jobs/ai-infer:" + new string('9', 5_000)));
        yield return ("unknown route", () => new HttpRequestMessage(HttpMethod.Get, "/api/nothing/here"));
    }

    [Test]
    public async Task HostileRequests_NeverGetA5xx_OrAStackTrace_AndErrorsAreProblemJson()
    {
        var corpus = Corpus().ToArray();
        var failures = new List<string>();
        foreach (var (name, build) in corpus)
        {
            using var request = build();
            using var response = await _client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500 || body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal)
                || (status >= 400 && mediaType != "application/problem+json"))
            {
                failures.Add($"{name}: {status} {mediaType} {body[..Math.Min(body.Length, 200)]}");
            }
        }

        Assert.That(corpus, Has.Length.GreaterThanOrEqualTo(200));
        Assert.That(failures, Is.Empty);
    }
}
