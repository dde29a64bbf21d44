using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.CexRadar;
using Alpha2.Worker.Providers.Binance;
using Alpha2.Worker.Providers.Bybit;
using Alpha2.Worker.Providers.Okx;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace Alpha2.Tests.Metrics;

/// <summary>Known latencies and credits driven through WireMock and the real worker, read back from the panel.</summary>
public sealed class LatencyUsageTests
{
    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync();
        await _stack.StartWorkerAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    private async Task<JsonElement> PanelAsync(string query = "") =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/metrics/latency-usage{query}");

    [Test]
    public async Task Panel_HasTheSpecsFieldsFirst_AndEveryProvider()
    {
        var panel = await PanelAsync();

        var names = panel.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(names.Take(6), Is.EqualTo(new[] { "apify_ms", "helius_ms", "parser_ms", "apify_credits_used", "groq_credits_used", "suggestion" }));
        Assert.That(names, Is.SupersetOf(new[] { "birdeye_ms", "gemini_ms", "binance_ms", "telegram_ms", "helius_credits_used", "birdeye_credits_used", "gemini_credits_used" }));
    }

    [Test]
    public async Task Search_RecordsLatencyMedians_CreditsInEachProvidersUnit_AndParserTime()
    {
        Providers.Answer(CexFakes.BinancePath, CexFakes.Binance((1, "Binance Will List Optimus AI (OPTIMUS)", 1759753800000)), delay: TimeSpan.FromMilliseconds(150));
        Providers.Answer(CexFakes.BybitPath, CexFakes.Bybit());
        Providers.Answer(CexFakes.OkxPath, CexFakes.Okx());
        Providers.Answer(CexFakes.BirdeyeSearchPath, CexFakes.BirdeyeSearchOptimus);
        Providers.Answer(CexFakes.BirdeyeOverviewPath, CexFakes.BirdeyeOverview(CexFakes.OptimusMint, "OPTIMUS", "https://t.me/optimus_ai"));
        Providers.Answer(CexFakes.ApifyRunPath, CexFakes.ApifyRun(0.0024m), delay: TimeSpan.FromMilliseconds(120));
        Providers.Answer(CexFakes.ApifyItemsPath, CexFakes.ApifyNoResults, delay: TimeSpan.FromMilliseconds(120));
        Providers.Answer("/optimus_ai", CexFakes.TelegramGroupPage("10", "7"), contentType: "text/html");
        Providers.AnswerGroq(AiFakes.GroqAnswer("ok", prompt: 1_000_000, completion: 1_000_000));

        // Latency windows hold the last 200 calls; start these two empty so the medians are this test's calls.
        await _stack.Redis.KeyDeleteAsync(["metrics:latency:apify", "metrics:latency:binance"]);
        var before = await PanelAsync();
        await Client.FinishedJobAsync(await Client.PostJobAsync("/api/cex-radar/search", new { query = "OPTIMUS" }));
        await Client.FinishedJobAsync(await Client.PostJobAsync("/api/ai/infer", new { provider = "groq", model = "llama-3.1-8b-instant", prompt = "p", maxTokens = 10 }));
        var panel = await PanelAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Spent(before, panel, "birdeye"), Is.EqualTo(40m), "search 10 CU + token_overview 30 CU");
            Assert.That(Spent(before, panel, "apify"), Is.EqualTo(0.24m), "usageTotalUsd $0.0024 in cents");
            // 1M input × $0.05 + 1M output × $0.08 = $0.13
            Assert.That(Spent(before, panel, "groq"), Is.EqualTo(13m));
            // WireMock's delay, seen from the client, can round a millisecond short: a margin, far above an instant answer.
            Assert.That(panel.GetProperty("binance_ms").GetInt64(), Is.GreaterThanOrEqualTo(130), "one 150 ms call");
            Assert.That(panel.GetProperty("apify_ms").GetInt64(), Is.GreaterThanOrEqualTo(100), "median of two 120 ms calls");
            Assert.That(panel.GetProperty("parser_ms").GetInt64(), Is.GreaterThan(0));
            Assert.That(panel.GetProperty("helius_ms").GetInt64(), Is.Zero, "no Helius call yet");
        });
    }

    private static decimal Spent(JsonElement before, JsonElement after, string provider) =>
        after.GetProperty($"{provider}_credits_used").GetDecimal() - before.GetProperty($"{provider}_credits_used").GetDecimal();

    [Test]
    public async Task ApifyRefreshesFindingNothing_ThreeTimes_PanelSuggestsLoweringItsFrequency()
    {
        Providers.Answer(CexFakes.ApifyRunPath, CexFakes.ApifyRun(0.001m));
        Providers.Answer(CexFakes.ApifyItemsPath, CexFakes.ApifyNoResults);
        Providers.Answer("/optimus_ai", CexFakes.TelegramGroupPage("10", "7"), contentType: "text/html");
        var tracker = _stack.Worker.Services.GetRequiredService<SocialTracker>();
        var refresher = _stack.Worker.Services.GetRequiredService<SocialRefresher>();
        await tracker.TrackAsync(new ResolvedToken(CexFakes.OptimusMint, "OPTIMUS", MatchMethods.SymbolSearch, "https://t.me/optimus_ai"), new(0, 0));

        for (var run = 0; run < 3; run++)
        {
            Assert.That(await refresher.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
            // The lease is the refresher's own; let the next run take it at once.
            await _stack.Redis.KeyDeleteAsync("lock:cex-social");
        }

        Assert.That((await PanelAsync()).GetProperty("suggestion").GetString(), Is.EqualTo("Снизить частоту Apify до 10м"));
        Assert.That((await PanelAsync("?lang=en")).GetProperty("suggestion").GetString(), Is.EqualTo("Lower Apify frequency to 10m"));
    }

    [Test]
    public async Task UnknownLanguage_Is400NamingLang()
    {
        var response = await Client.GetAsync("/api/metrics/latency-usage?lang=de");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
