using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Api;

public sealed class RedisDownTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        // Nothing listens on this port: Redis is down from the start.
        _api = new ApiFactory($"redis://127.0.0.1:{RedisServer.FreePort()}/0");
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Post_WhileRedisIsDown_Is503WithRetryAfter_WithinSeconds()
    {
        var clock = Stopwatch.StartNew();
        var response = await _client.PostAsJsonAsync("/api/cex-radar/search", new { query = "OPTIMUS" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        // A bound, not a benchmark: the request must not hang on a dead Redis.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Get_WhileRedisIsDown_Is503()
    {
        var response = await _client.GetAsync("/api/whales/top3");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task Ready_WhileRedisIsDown_IsUnhealthy_LiveStaysUp()
    {
        Assert.That((await _client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await _client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
