using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Sandbox.Providers;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.HeliusMints;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Tests.HeliusMints;

/// <summary>The poller's paging and lease, the webhook's door, and Helius faults (docs/providers.md §8).</summary>
public sealed class MintPollerAndFaultTests
{
    private const long At = 1759751050;
    private static readonly string Dev = SolanaWorld.Wallet("dev");

    private HeliusStack _helius = null!;

    private TestStack Stack => _helius.Stack;

    private SolanaWorld World => _helius.World;

    private WireMockServer Providers => Stack.Providers;

    [OneTimeSetUp]
    public async Task StartAsync() => _helius = await HeliusStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _helius.DisposeAsync();

    [SetUp]
    public Task ResetAsync() => _helius.ResetAsync();

    private void Coin(string mint, string symbol)
    {
        var token = World.Add(mint, symbol).WithCurveHolding(900_000_000).With(Dev, 59_141_732);
        token.MetadataUri = Providers.Metadata(symbol, "https://x.com/" + symbol);
    }

    private void History(string? before, JsonNode page, int priority) =>
        Providers.Given((before is null ? Request.Create() : Request.Create().WithParam("before-signature", before))
                .WithPath(HeliusFakes.ProgramHistoryPath).UsingGet())
            .AtPriority(priority)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(page.ToJsonString()));

    private static JsonObject Created(string signature, string mint, string symbol, long at) =>
        PumpFunTransactions.Enhanced(new Create(signature, mint, Dev, symbol, 59_141_732, at));

    [Test]
    public async Task Poller_PagesBackToTheLastSignatureSeen_ContinuingPastFailedToFindEvents()
    {
        Coin("AAAAmint111111111111111111111111111111pump", "AAA");
        Coin("BBBBmint111111111111111111111111111111pump", "BBB");
        Coin("CCCCmint111111111111111111111111111111pump", "CCC");
        var poller = Stack.Worker.Services.GetRequiredService<MintPoller>();

        // First poll: one page; the newest signature becomes the cursor.
        History(null, new JsonArray(PumpFunTransactions.EnhancedBuy("sig-cursor", "x", Dev, At + 1), Created("sig-a", "AAAAmint111111111111111111111111111111pump", "AAA", At)), 10);
        var first = await poller.RunOnceAsync(CancellationToken.None);
        // The worker ingests AAA while the test goes on: the providers are reset only once it is in, or its calls would miss.
        await Eventually.TrueAsync(async () => (await Stack.Client.GetFromJsonAsync<JsonElement>("/api/helius/mints")).GetArrayLength() == 1, TimeSpan.FromSeconds(20), "the first create ingested");

        // Second poll: newer creates, a stretch Helius found nothing in, then the cursor.
        Providers.Reset();
        Providers.Serve(World);
        History(null, new JsonArray(Created("sig-c", "CCCCmint111111111111111111111111111111pump", "CCC", At + 30), PumpFunTransactions.EnhancedBuy("sig-mid", "x", Dev, At + 20)), 10);
        History("sig-mid", new JsonObject { ["error"] = "Failed to find events within the search period. To continue search, query the API again with the before-signature parameter set to 5K2bSkipped1111111111111111111111111111111." }, 1);
        History("5K2bSkipped1111111111111111111111111111111", new JsonArray(Created("sig-b", "BBBBmint111111111111111111111111111111pump", "BBB", At + 10), PumpFunTransactions.EnhancedBuy("sig-cursor", "x", Dev, At + 1)), 1);
        var second = await poller.RunOnceAsync(CancellationToken.None);

        var pages = Providers.LogEntries.Where(e => e.RequestMessage.Path == HeliusFakes.ProgramHistoryPath).Select(e => e.RequestMessage).ToArray();
        await Eventually.TrueAsync(async () => (await Stack.Client.GetFromJsonAsync<JsonElement>("/api/helius/mints")).GetArrayLength() == 3, TimeSpan.FromSeconds(20), "all three creates ingested");
        var feed = await Stack.Client.GetFromJsonAsync<JsonElement>("/api/helius/mints");
        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo((1, 2)));
            Assert.That(pages.Select(p => p.Query!.TryGetValue("before-signature", out var before) ? before.ToString() : ""), Is.EqualTo(new[] { "", "sig-mid", "5K2bSkipped1111111111111111111111111111111" }));
            Assert.That(pages.Select(p => (p.Query!["api-key"].ToString(), p.Query["limit"].ToString(), p.Query["commitment"].ToString())),
                Is.All.EqualTo((HeliusFakes.HeliusKey, "100", "confirmed")));
            Assert.That(feed.EnumerateArray().Select(r => r.GetProperty("name").GetString()), Is.EqualTo(new[] { "$CCC", "$BBB", "$AAA" }));
        });
    }

    [Test]
    public async Task OnlyOneReplicaPolls_UntilItsLeaseLapses()
    {
        History(null, new JsonArray(), 10);
        var other = await Stack.StartWorkerAsync(settings =>
        {
            HeliusFakes.Configure(settings, Stack.Providers);
            settings["WORKER_ID"] = "replica-b";
        });

        var holder = await Stack.Worker.Services.GetRequiredService<MintPoller>().RunOnceAsync(CancellationToken.None);
        var refused = await other.Services.GetRequiredService<MintPoller>().RunOnceAsync(CancellationToken.None);
        await Stack.Redis.KeyDeleteAsync("lock:helius-mints-poller"); // the holder died: its lease lapsed
        var takeover = await other.Services.GetRequiredService<MintPoller>().RunOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(holder, Is.EqualTo(0));
            Assert.That(refused, Is.Null);
            Assert.That(takeover, Is.EqualTo(0));
        });
    }

    [TestCase(null, HttpStatusCode.Unauthorized)]
    [TestCase("wrong-secret", HttpStatusCode.Unauthorized)]
    [TestCase(HeliusStack.WebhookSecret, HttpStatusCode.OK)]
    public async Task Webhook_AcceptsOnlyTheConfiguredAuthorization(string? authorization, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/helius/webhook") { Content = JsonContent.Create(new JsonArray()) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await Stack.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(expected));
        if (expected != HttpStatusCode.OK)
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    [Test]
    public async Task Webhook_IsOff_WhenNoSecretIsConfigured()
    {
        await using var api = new ApiFactory(Stack.RedisUrl);
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/helius/webhook") { Content = JsonContent.Create(new JsonArray()) };
        request.Headers.TryAddWithoutValidation("Authorization", "");
        Assert.That((await client.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task JsonRpcErrorInsideHttp200_FailsTheJobWithHeliusReason()
    {
        Coin("ErrRmint111111111111111111111111111111pump", "ERR");
        World.RpcErrors["getAsset"] = (-32602, "Invalid params: invalid asset id");

        var job = await IngestAsync(Created("sig-err", "ErrRmint111111111111111111111111111111pump", "ERR", At));

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(job.GetProperty("error").GetString(), Is.EqualTo("Helius RPC error -32602: Invalid params: invalid asset id"));
        });
    }

    [Test]
    public async Task Helius429_IsRetried_AndTheCreateStillLands()
    {
        Coin("ThRomint111111111111111111111111111111pump", "THR");
        Providers.Given(Request.Create().WithPath(HeliusFakes.RpcPath).UsingPost()).AtPriority(1)
            .InScenario("throttled").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json").WithBody("""{"error":"Too many requests"}"""));

        var job = await IngestAsync(Created("sig-thr", "ThRomint111111111111111111111111111111pump", "THR", At));

        Assert.Multiple(() =>
        {
            Assert.That(Providers.LogEntries.Count(e => e.ResponseMessage.StatusCode is 429), Is.EqualTo(1));
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), job.ToString());
        });
    }

    [Test]
    public async Task RugCheckDown_StillStoresTheRow_NotSafe_WithTheReason()
    {
        Coin("RugDmint111111111111111111111111111111pump", "RGD");
        Providers.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1/tokens/.+/report/summary$"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody("""{"error":"not found"}"""));

        var job = await IngestAsync(Created("sig-rgd", "RugDmint111111111111111111111111111111pump", "RGD", At));

        var row = job.GetProperty("result");
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("safe").GetBoolean(), Is.False);
            Assert.That(row.GetProperty("safe_reasons")[0].GetString(), Is.EqualTo("unknown: RugCheck report"));
        });
    }

    private async Task<JsonElement> IngestAsync(JsonObject transaction) => (await _helius.DeliverAsync(transaction)).Single();
}
