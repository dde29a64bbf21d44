using System.Net;
using System.Net.Http.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Api;

/// <summary>An API with its key and a CORS allow-list switched on.</summary>
public sealed class AbuseTests
{
    private const string Key = "test-api-key-SENTINEL";
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()), new Dictionary<string, string?>
        {
            ["API_KEY"] = Key,
            ["CORS_ORIGINS"] = "https://alpha2.example, https://ui.alpha2.example",
        });
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SearchAsync(string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cex-radar/search") { Content = JsonContent.Create(body ?? new { query = "OPTIMUS" }) };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }
        return await _client.SendAsync(request);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wrong")]
    [TestCase(Key + "x")]
    public async Task Post_WithoutTheRightKey_Is401Problem_BeforeAnyValidation(string? key)
    {
        var response = await SearchAsync(key, body: new { query = "" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(Key));
    }

    [Test]
    public async Task Get_NeedsNoKey()
    {
        Assert.That((await _client.GetAsync("/api/whales/top3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Cors_AllowsListedOrigins_Only()
    {
        async Task<string?> AllowedOriginAsync(string origin)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/cex-radar/search");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
            var response = await _client.SendAsync(preflight);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.That(await AllowedOriginAsync("https://ui.alpha2.example"), Is.EqualTo("https://ui.alpha2.example"));
        Assert.That(await AllowedOriginAsync("https://evil.example"), Is.Null);
    }
}
