using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.WebConsole;

/// <summary>What the console reads besides the product and ops endpoints: its files, its access, the AI catalogue, the day's provider history.</summary>
public sealed class ConsoleApiTests
{
    private TestStack _stack = null!;

    private HttpClient Client => _stack.Client;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        await _stack.StartWorkerAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [Test]
    public async Task Root_ServesThePage_WithAPolicyThatAllowsOnlyItsOwnScriptsAndThisApi()
    {
        var page = await Client.GetAsync("/");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<script type=\"module\""));
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.StartWith("default-src 'self'").And.Not.Contain("unsafe-inline").And.Not.Contain("http"));
        Assert.That(page.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
    }

    [Test]
    public async Task Access_ByDefault_AllowsChangesWithoutAKey()
    {
        var access = await Client.GetFromJsonAsync<JsonElement>("/api/ops/access");

        Assert.That(access.GetProperty("read_only").GetBoolean(), Is.False);
        Assert.That(access.GetProperty("api_key_required").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Access_WithAKeyAndReadOnly_SaysBoth_AndNeverTheKey()
    {
        await using var api = new ApiFactory(_stack.RedisUrl, new Dictionary<string, string?> { ["API_KEY"] = "s3cret-key", ["OPS_READ_ONLY"] = "true" });
        using var client = api.CreateClient();

        var body = await client.GetStringAsync("/api/ops/access");

        Assert.That(body, Is.EqualTo("""{"read_only":true,"api_key_required":true}"""));
    }

    [Test]
    public async Task AiModels_ListEachModelWithItsPrices_AndTheDaysSpendRisesByAnAnswersCost()
    {
        // 1M input × $0.05 + 1M output × $0.08 (llama-3.1-8b-instant) = $0.13.
        _stack.Providers.AnswerGroq(AiFakes.GroqAnswer("ok", prompt: 1_000_000, completion: 1_000_000));
        var before = await Client.GetFromJsonAsync<JsonElement>("/api/ai/models");

        await Client.FinishedJobAsync(await Client.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "p", maxTokens = 10 }));
        // The day's figure holds what running calls reserved, and a worker's unused lease until it goes back (idle 1 s).
        var after = before;
        await Eventually.TrueAsync(
            async () =>
            {
                after = await Client.GetFromJsonAsync<JsonElement>("/api/ai/models");
                return after.GetProperty("spend_today_usd").GetDecimal() - before.GetProperty("spend_today_usd").GetDecimal() == 0.13m;
            },
            TimeSpan.FromSeconds(10),
            "the day's spend rose by the answer's cost, $0.13");

        var flash = before.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "gemini-2.5-flash");
        Assert.Multiple(() =>
        {
            Assert.That(flash.GetProperty("provider").GetString(), Is.EqualTo("gemini"));
            Assert.That(flash.GetProperty("input_usd_per_million").GetDecimal(), Is.EqualTo(0.30m));
            Assert.That(flash.GetProperty("output_usd_per_million").GetDecimal(), Is.EqualTo(2.50m));
            Assert.That(before.GetProperty("models").GetArrayLength(), Is.EqualTo(new Contracts.AiInfer.AiOptions().Models.Count));
            Assert.That(before.GetProperty("default_max_tokens").GetInt32(), Is.EqualTo(512));
            Assert.That(before.GetProperty("max_tokens").GetInt32(), Is.EqualTo(2048));
            Assert.That(after.GetProperty("daily_cap_usd").GetDecimal(), Is.EqualTo(5m));
        });
    }

    [Test]
    public async Task ProviderHistory_CountsACallAndItsCreditsInTheCurrentHour_OverTwentyFourHours()
    {
        _stack.Providers.AnswerGroq(AiFakes.GroqAnswer("ok", prompt: 1_000_000, completion: 1_000_000));
        var before = await GroqHoursAsync();

        await Client.FinishedJobAsync(await Client.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "p", maxTokens = 10 }));
        var after = await GroqHoursAsync();

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Multiple(() =>
        {
            Assert.That(after, Has.Length.EqualTo(24));
            Assert.That(after.Zip(after.Skip(1)).All(pair => pair.Second.GetProperty("t").GetInt64() - pair.First.GetProperty("t").GetInt64() == 3600), Is.True, "hourly, oldest first");
            Assert.That(after[^1].GetProperty("t").GetInt64(), Is.EqualTo(now - now % 3600).Within(3600));
            Assert.That(Sum(after, "calls") - Sum(before, "calls"), Is.EqualTo(1m));
            Assert.That(Sum(after, "credits") - Sum(before, "credits"), Is.EqualTo(13m), "US cents, as latency-usage counts them");
            Assert.That(after[^1].GetProperty("avg_ms").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(after[0].GetProperty("avg_ms").ValueKind, Is.EqualTo(JsonValueKind.Null), "no calls a day ago");
        });
    }

    [TestCase("0")]
    [TestCase("25")]
    public async Task ProviderHistory_HoursOutsideADay_Is400NamingHours(string hours)
    {
        var answer = await Client.GetAsync($"/api/metrics/history?hours={hours}");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("hours"));
    }

    private async Task<JsonElement[]> GroqHoursAsync() =>
        (await Client.GetFromJsonAsync<JsonElement[]>("/api/metrics/history"))!
        .Single(p => p.GetProperty("provider").GetString() == "groq")
        .GetProperty("hours").EnumerateArray().ToArray();

    private static decimal Sum(JsonElement[] hours, string field) => hours.Sum(h => h.GetProperty(field).GetDecimal());
}
