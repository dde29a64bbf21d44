using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Api;

public sealed class RateLimitTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()), new Dictionary<string, string?> { ["RATE_LIMIT_PER_MINUTE"] = "5" });
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Posts_OverThePerClientLimit_Are429ProblemWithRetryAfter_WhileGetsGoOn()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await _client.PostAsJsonAsync("/api/cex-radar/search", new { query = $"T{i}" })).StatusCode);
        }

        var limited = await _client.PostAsJsonAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "p" });
        Assert.Multiple(async () =>
        {
            Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(statuses.Skip(5), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the limit spans every endpoint that queues work");
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32(), Is.EqualTo(429));
            Assert.That((await _client.GetAsync("/api/whales/top3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
