using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.CexRadar;
using Alpha2.Worker.Providers.Binance;
using Alpha2.Worker.Providers.Bybit;
using Alpha2.Worker.Providers.Okx;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.CexRadar;

/// <summary>POST /api/cex-radar/search through the real worker to WireMock exchanges, Birdeye, Apify and Telegram.</summary>
public sealed class CexRadarTests
{
    // 2025-10-06 12:30:00, 11:30:00 and 10:30:00 UTC
    private const long At1230 = 1759753800000;
    private const long At1130 = 1759750200000;
    private const long At1030 = 1759746600000;

    private TestStack _stack = null!;

    private WireMockServer Providers => _stack.Providers;

    private HttpClient Client => _stack.Client;

    private IDatabase Redis => _stack.Redis;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync(new Dictionary<string, string?> { ["CEX_RADAR_SHARE_SECONDS"] = "60" });
        await _stack.StartWorkerAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [SetUp]
    public async Task ResetAsync()
    {
        Providers.Reset();
        // Each test searches afresh: no shared job from an earlier test.
        var server = RedisServer.Connection.GetServers()[0];
        await foreach (var key in server.KeysAsync(Redis.Database, "cex-radar:share:*"))
        {
            await Redis.KeyDeleteAsync(key);
        }
    }

    private void OptimusWorld(string tweets)
    {
        Providers.Answer(CexFakes.BinancePath, CexFakes.Binance(
            (229923, "Binance Will List Optimus AI (OPTIMUS) with Seed Tag Applied", At1230),
            (229920, "Binance Will List Other Token (OTHER)", At1030)));
        Providers.Answer(CexFakes.BybitPath, CexFakes.Bybit(("New Listing: OTHER/USDT", "Other token", At1130)));
        Providers.Answer(CexFakes.OkxPath, CexFakes.Okx(("OKX to list Optimus AI (OPTIMUS) for spot trading", At1130)));
        Providers.Answer(CexFakes.BirdeyeSearchPath, CexFakes.BirdeyeSearchOptimus);
        Providers.Answer(CexFakes.BirdeyeOverviewPath, CexFakes.BirdeyeOverview(CexFakes.OptimusMint, "OPTIMUS", "https://t.me/optimus_ai"));
        Providers.Answer(CexFakes.ApifyRunPath, CexFakes.ApifyRun(0.0024m), status: 201);
        Providers.Answer(CexFakes.ApifyItemsPath, tweets);
        Providers.Answer("/optimus_ai", CexFakes.TelegramGroupPage("24 512", "1 800"), contentType: "text/html; charset=utf-8");
    }

    private static string ThreeRecentMentions(DateTimeOffset now) => CexFakes.ApifyTweets(now,
        ("1", "$OPTIMUS listed on Binance!", 5),
        ("1", "$OPTIMUS listed on Binance!", 5),
        ("2", "buying more $optimus", 20),
        ("3", $"CA {CexFakes.OptimusMint}", 30),
        ("4", "$OPTIMUS was hot yesterday", 180),
        ("5", "$OPTIMUSPRIME is another coin", 10),
        ("6", "Optimus AI, no cashtag", 10));

    private async Task<(string JobId, JsonElement Job)> SearchAsync(string query = "OPTIMUS")
    {
        var jobId = await Client.PostJobAsync("/api/cex-radar/search", new { query });
        return (jobId, await Client.FinishedJobAsync(jobId));
    }

    private int Calls(string path) => Providers.LogEntries.Count(e => e.RequestMessage.Path == path);

    [Test]
    public async Task Search_ListedOnBinanceAndOkx_AnswersTheUiRows_NewestFirst()
    {
        OptimusWorld(ThreeRecentMentions(DateTimeOffset.UtcNow));

        var (jobId, job) = await SearchAsync();
        var rows = job.GetProperty("result");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), job.ToString());
        Assert.That(rows.GetArrayLength(), Is.EqualTo(2));
        var binance = rows[0];
        var okx = rows[1];
        Assert.Multiple(() =>
        {
            Assert.That(binance.GetProperty("exchange").GetString(), Is.EqualTo("Binance"));
            Assert.That(binance.GetProperty("date").GetString(), Is.EqualTo("2025-10-06"));
            Assert.That(binance.GetProperty("time").GetString(), Is.EqualTo("12:30:00"));
            Assert.That(binance.GetProperty("team").GetString(), Is.EqualTo("doxxed"));
            Assert.That(binance.GetProperty("url").GetString(), Is.EqualTo($"https://birdeye.so/token/{CexFakes.OptimusMint}"));
            Assert.That(binance.GetProperty("social").GetProperty("tw_1h").GetInt32(), Is.EqualTo(3), "ids 1, 2, 3: deduplicated, in the hour, cashtag or mint");
            Assert.That(binance.GetProperty("social").GetProperty("tg_online").GetInt32(), Is.EqualTo(1800));
            Assert.That(okx.GetProperty("exchange").GetString(), Is.EqualTo("OKX"));
            Assert.That(okx.GetProperty("time").GetString(), Is.EqualTo("11:30:00"), "the displayed businessPTime");
            Assert.That(okx.GetProperty("team").GetString(), Is.EqualTo("unknown"));
            Assert.That(okx.GetProperty("url").GetString(), Is.EqualTo($"https://birdeye.so/token/{CexFakes.OptimusMint}"));
            Assert.That(okx.GetProperty("social").GetProperty("tw_1h").GetInt32(), Is.EqualTo(3));
            Assert.That(binance.GetProperty("match").GetString(), Is.EqualTo("symbol_search"));
        });

        var latest = await Client.GetStringAsync("/api/cex-radar/result");
        var byJob = await Client.GetStringAsync($"/api/cex-radar/result?jobId={jobId}");
        Assert.That(JsonDocument.Parse(latest).RootElement.ToString(), Is.EqualTo(rows.ToString()));
        Assert.That(byJob, Is.EqualTo(latest));
        Assert.That(Calls(CexFakes.ApifyRunPath), Is.EqualTo(1), "one Apify run per token, not per row");
    }

    [Test]
    public async Task Search_SendsApifyTheCashtagAndMint_WithTheTokenAsBearerNotInTheUrl()
    {
        OptimusWorld(CexFakes.ApifyNoResults);

        await SearchAsync("$optimus");

        var run = Providers.LogEntries.Single(e => e.RequestMessage.Path == CexFakes.ApifyRunPath).RequestMessage;
        var input = JsonDocument.Parse(run.Body!).RootElement;
        var search = Providers.LogEntries.First(e => e.RequestMessage.Path == CexFakes.BirdeyeSearchPath).RequestMessage;
        Assert.Multiple(() =>
        {
            Assert.That(run.Headers!["Authorization"], Is.EqualTo(new[] { $"Bearer {CexFakes.ApifyToken}" }));
            Assert.That(run.Url, Does.Not.Contain(CexFakes.ApifyToken));
            Assert.That(input.GetProperty("searchTerms")[0].GetString(), Is.EqualTo($"$OPTIMUS OR {CexFakes.OptimusMint}"));
            Assert.That(input.GetProperty("maxItems").GetInt32(), Is.EqualTo(100));
            Assert.That(search.Headers!["X-API-KEY"], Is.EqualTo(new[] { CexFakes.BirdeyeKey }));
            Assert.That(search.Query!["chain"], Is.EqualTo(new[] { "solana" }));
            Assert.That(search.Query!["keyword"], Is.EqualTo(new[] { "OPTIMUS" }));
        });
    }

    [Test]
    public async Task Search_NoTweetsFound_CountsZero()
    {
        OptimusWorld(CexFakes.ApifyNoResults);

        var (_, job) = await SearchAsync();

        Assert.That(job.GetProperty("result")[0].GetProperty("social").GetProperty("tw_1h").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Search_AddressStatedInTheAnnouncement_WinsOverTheSymbolSearch()
    {
        Providers.Answer(CexFakes.BinancePath, CexFakes.Binance());
        Providers.Answer(CexFakes.OkxPath, CexFakes.Okx());
        Providers.Answer(CexFakes.BybitPath, CexFakes.Bybit(("New Listing: HNT/USDT", $"HNT (SOL) smart contract address: {CexFakes.StatedMint}", At1130)));
        Providers.Answer(CexFakes.BirdeyeOverviewPath, CexFakes.BirdeyeOverview(CexFakes.StatedMint, "HNT", telegram: null));
        Providers.Answer(CexFakes.BirdeyeSearchPath, CexFakes.BirdeyeSearchOptimus);
        Providers.Answer(CexFakes.ApifyRunPath, CexFakes.ApifyRun(0.001m));
        Providers.Answer(CexFakes.ApifyItemsPath, CexFakes.ApifyNoResults);

        var (_, job) = await SearchAsync("HNT");
        var row = job.GetProperty("result")[0];

        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("url").GetString(), Is.EqualTo($"https://birdeye.so/token/{CexFakes.StatedMint}"));
            Assert.That(row.GetProperty("match").GetString(), Is.EqualTo("address_in_text"));
            Assert.That(row.GetProperty("social").GetProperty("tg_online").GetInt32(), Is.Zero, "no Telegram link known");
            Assert.That(Calls(CexFakes.BirdeyeSearchPath), Is.Zero, "no symbol search was needed");
        });
    }

    [TestCase(CexFakes.BybitPath, """{"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":1702000001234}""", 200, "application/json", "retCode 10006")]
    [TestCase(CexFakes.BybitPath, "<html><body>access too frequent</body></html>", 403, "text/html", "refused access (403)")]
    [TestCase(CexFakes.OkxPath, """{"code":"50011","msg":"Rate limit reached","data":[]}""", 200, "application/json", "code 50011")]
    [TestCase(CexFakes.BinancePath, "<!DOCTYPE html><html><body>Access Denied</body></html>", 200, "text/html", "not its documented JSON")]
    [TestCase(CexFakes.BinancePath, """{"code":"100001","message":"system busy","messageDetail":null,"data":null,"success":false}""", 200, "application/json", "code 100001")]
    public async Task Search_OneExchangeFailing_TheOthersStillAnswer_AndTheSummarySaysWhich(string path, string body, int status, string contentType, string reason)
    {
        OptimusWorld(CexFakes.ApifyNoResults);
        Providers.Answer(path, body, status, contentType);

        var (_, job) = await SearchAsync();

        var sources = job.GetProperty("summary").GetProperty("sources");
        var failing = path == CexFakes.BybitPath ? "Bybit" : path == CexFakes.OkxPath ? "OKX" : "Binance";
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(sources.GetProperty(failing).GetString(), Does.Contain(reason));
            Assert.That(sources.EnumerateObject().Count(s => s.Value.GetString() == "ok"), Is.EqualTo(2));
            Assert.That(job.GetProperty("result").GetArrayLength(), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task Search_EveryExchangeDown_FailsSayingNoExchangeAnswered()
    {
        OptimusWorld(CexFakes.ApifyNoResults);
        Providers.Answer(CexFakes.BinancePath, "down", 500, "text/plain");
        Providers.Answer(CexFakes.BybitPath, "down", 500, "text/plain");
        Providers.Answer(CexFakes.OkxPath, "down", 500, "text/plain");

        var (_, job) = await SearchAsync();

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("error").GetString(), Does.StartWith("No exchange answered"));
    }

    [Test]
    public async Task Search_ApifyTimingOut_GivesZeroTweets_AndSaysSo()
    {
        OptimusWorld(CexFakes.ApifyNoResults);
        Providers.Answer(CexFakes.ApifyRunPath, """{"error":{"type":"run-timeout-exceeded","message":"Actor run did not finish in time"}}""", 408);

        var (_, job) = await SearchAsync();

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(job.GetProperty("result")[0].GetProperty("social").GetProperty("tw_1h").GetInt32(), Is.Zero);
        Assert.That(job.GetProperty("result")[0].GetProperty("social").GetProperty("tg_online").GetInt32(), Is.EqualTo(1800));
        Assert.That(job.GetProperty("summary").GetProperty("problems").GetProperty("apify").GetString(), Does.Contain("408"));
    }

    [Test]
    public async Task HundredIdenticalSearches_AtOnce_ShareOneJobAndOneSetOfProviderCalls()
    {
        OptimusWorld(CexFakes.ApifyNoResults);

        var jobIds = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Client.PostJobAsync("/api/cex-radar/search", new { query = i % 2 == 0 ? "OPTIMUS" : " $optimus " })));
        await Client.FinishedJobAsync(jobIds[0]);
        var again = await Client.PostJobAsync("/api/cex-radar/search", new { query = "Optimus" });

        Assert.Multiple(() =>
        {
            Assert.That(jobIds.Distinct().Count(), Is.EqualTo(1));
            Assert.That(again, Is.EqualTo(jobIds[0]), "a repeat within the window gets the finished result");
            Assert.That(Calls(CexFakes.BinancePath), Is.EqualTo(1));
            Assert.That(Calls(CexFakes.BybitPath), Is.EqualTo(1));
            Assert.That(Calls(CexFakes.OkxPath), Is.EqualTo(1));
            Assert.That(Calls(CexFakes.ApifyRunPath), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task SocialRefresh_UpdatesTheLatestRowsSocialFigures()
    {
        OptimusWorld(CexFakes.ApifyNoResults);
        await SearchAsync();
        Providers.Reset();
        OptimusWorld(CexFakes.ApifyTweets(DateTimeOffset.UtcNow, ("7", "$OPTIMUS pumping", 2), ("8", "$OPTIMUS again", 3)));
        Providers.Answer("/optimus_ai", CexFakes.TelegramGroupPage("30 000", "2 345"), contentType: "text/html");
        var refresher = _stack.Worker.Services.GetRequiredService<SocialRefresher>();
        await Redis.KeyDeleteAsync("lock:cex-social");

        var refreshed = await refresher.RunOnceAsync(CancellationToken.None);

        var rows = await Client.GetFromJsonAsync<JsonElement>("/api/cex-radar/result");
        Assert.Multiple(() =>
        {
            Assert.That(refreshed, Is.GreaterThanOrEqualTo(1), "every token recent searches found");
            Assert.That(rows[0].GetProperty("social").GetProperty("tw_1h").GetInt32(), Is.EqualTo(2));
            Assert.That(rows[0].GetProperty("social").GetProperty("tg_online").GetInt32(), Is.EqualTo(2345));
        });
    }

    [Test]
    public async Task SocialRefresh_WhileAnotherReplicaHoldsTheLease_DoesNothing()
    {
        await Redis.StringSetAsync("lock:cex-social", "another-worker", TimeSpan.FromMinutes(1));
        var refresher = _stack.Worker.Services.GetRequiredService<SocialRefresher>();

        Assert.That(await refresher.RunOnceAsync(CancellationToken.None), Is.Zero);
        await Redis.KeyDeleteAsync("lock:cex-social");
    }

    [Test]
    public async Task Result_ForAJobStillQueued_Is202WithItsStatus()
    {
        await Redis.HashSetAsync("cex-radar:status", "cex-radar:1", "queued");

        var response = await Client.GetAsync("/api/cex-radar/result?jobId=cex-radar:1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("queued"));
        await Redis.HashDeleteAsync("cex-radar:status", "cex-radar:1");
    }
}
