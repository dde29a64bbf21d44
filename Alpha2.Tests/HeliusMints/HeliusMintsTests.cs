using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Sandbox.Providers;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.HeliusMints;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Tests.HeliusMints;

/// <summary>The new-mint feed: creates from webhooks and the poller, through the real worker, to GET /api/helius/mints.</summary>
public sealed class HeliusMintsTests
{
    private const long At114410 = 1759751050; // 2025-10-06 11:44:10 UTC
    private const string DogeMint = "DoGE99mint1111111111111111111111111111pump";
    private const string CopyMint = "CoPYdogemint11111111111111111111111111pump";
    private const string KnownTeamMint = "KnoWnteam1111111111111111111111111111pump";

    private static readonly string Dev = SolanaWorld.Wallet("dev");

    private HeliusStack _helius = null!;

    private TestStack Stack => _helius.Stack;

    private SolanaWorld World => _helius.World;

    private WireMockServer Providers => Stack.Providers;

    private HttpClient Client => Stack.Client;

    [OneTimeSetUp]
    public async Task StartAsync() => _helius = await HeliusStack.StartAsync(settings =>
    {
        settings["HELIUS_MINTS_MAX_ROWS"] = "3";
        settings["TEAM_DOXXED_ALLOWLIST"] = $"SomeOtherMint, {KnownTeamMint}";
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _helius.DisposeAsync();

    [SetUp]
    public Task ResetAsync() => _helius.ResetAsync();

    /// <summary>A fresh pump.fun coin: curve vault, a dev who bought <paramref name="devTokens"/>, a few small holders.</summary>
    private SolanaWorld.Token Coin(string mint, string symbol, decimal devTokens, string? twitter = "https://x.com/doge99")
    {
        var token = World.Add(mint, symbol).WithCurveHolding(1_000_000_000 - devTokens - 30_000_000).With(Dev, devTokens);
        for (var i = 0; i < 6; i++)
        {
            token.With(SolanaWorld.Wallet($"{mint}-holder-{i}"), 5_000_000);
        }

        token.MetadataUri = Providers.Metadata(symbol, twitter);
        return token;
    }

    private Task<JsonElement[]> DeliverAsync(params JsonObject[] transactions) => _helius.DeliverAsync(transactions);

    private Task<JsonElement[]> FeedAsync() => _helius.FeedAsync();

    [Test]
    public async Task Webhook_EnhancedCreate_BecomesAFeedRowWithEveryUiField()
    {
        Coin(DogeMint, "DOGE99", devTokens: 59_141_732);

        var jobs = await DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-doge", DogeMint, Dev, "DOGE99", 59_141_732, At114410)));

        Assert.That(jobs.Select(j => j.GetProperty("status").GetString()), Is.EqualTo(new[] { "done" }), jobs.FirstOrDefault().ToString());
        var row = (await FeedAsync()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("name").GetString(), Is.EqualTo("$DOGE99"));
            Assert.That(row.GetProperty("mint").GetString(), Is.EqualTo(DogeMint));
            Assert.That(row.GetProperty("team").GetString(), Is.EqualTo("anon"));
            Assert.That(row.GetProperty("original").GetBoolean(), Is.True);
            Assert.That(row.GetProperty("safe").GetBoolean(), Is.True, row.ToString());
            Assert.That(row.GetProperty("hasTw").GetBoolean(), Is.True);
            Assert.That(row.GetProperty("sol").GetDecimal(), Is.EqualTo(1.75m));
            Assert.That(row.GetProperty("ts").GetString(), Is.EqualTo("2025-10-06 11:44:10"));
            Assert.That(row.GetProperty("safe_reasons").GetArrayLength(), Is.Zero);
            Assert.That(row.GetProperty("creator").GetString(), Is.EqualTo(Dev));
        });
    }

    [Test]
    public async Task Webhook_RawCreateV2_IsReadLikeAnEnhancedOne_AndFailedOrOtherTransactionsAreIgnored()
    {
        Coin(DogeMint, "DOGE99", devTokens: 59_141_732, twitter: "not a link");

        var jobs = await DeliverAsync(
            PumpFunTransactions.Raw(new Create("sig-raw", DogeMint, Dev, "DOGE99", 59_141_732, At114410, V2: true)),
            PumpFunTransactions.Raw(new Create("sig-failed", CopyMint, Dev, "COPY", 1, At114410, Failed: true)),
            PumpFunTransactions.EnhancedBuy("sig-buy", DogeMint, Dev, At114410));

        var row = (await FeedAsync()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(jobs, Has.Length.EqualTo(1));
            Assert.That(row.GetProperty("mint").GetString(), Is.EqualTo(DogeMint));
            Assert.That(row.GetProperty("sol").GetDecimal(), Is.EqualTo(1.75m));
            Assert.That(row.GetProperty("hasTw").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task SecondMintWithTheSameSymbol_IsNotOriginal_AndAnEarlierOneArrivingLateTakesOver()
    {
        const string EarliestMint = "EarLiestdoge11111111111111111111111111pump";
        Coin(DogeMint, "DOGE99", 59_141_732);
        Coin(CopyMint, "doge 99", 59_141_732);
        Coin(EarliestMint, "$DOGE99", 59_141_732);

        await DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-1", DogeMint, Dev, "DOGE99", 59_141_732, At114410)));
        await DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-2", CopyMint, Dev, "doge 99", 59_141_732, At114410 + 60)));
        await DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-0", EarliestMint, Dev, "$DOGE99", 59_141_732, At114410 - 60)));

        var rows = (await FeedAsync()).ToDictionary(r => r.GetProperty("mint").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Keys, Is.EqualTo(new[] { CopyMint, DogeMint, EarliestMint }), "newest first");
            Assert.That(rows[CopyMint].GetProperty("original").GetBoolean(), Is.False);
            Assert.That(rows[CopyMint].GetProperty("original_mint").GetString(), Is.EqualTo(DogeMint));
            Assert.That(rows[DogeMint].GetProperty("original").GetBoolean(), Is.False);
            Assert.That(rows[DogeMint].GetProperty("original_mint").GetString(), Is.EqualTo(EarliestMint));
            Assert.That(rows[EarliestMint].GetProperty("original").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task MintAuthoritySet_BlocklistedDanger_OrABigDevBuy_IsNotSafe_AndTheRowSaysWhy()
    {
        Coin(DogeMint, "DOGE99", 59_141_732).MintAuthority = "TSLvdd1pWpHVjahSpsvCXUbgwsL3JAcvokwaKt1eokM";
        Coin(CopyMint, "RUG", 59_141_732).RugCheckDangers.AddRange(["Copycat token", "Low Liquidity"]);
        const string WhaleDevMint = "WhaLedev11111111111111111111111111111pump";
        Coin(WhaleDevMint, "BIG", 312_000_000);

        await DeliverAsync(
            PumpFunTransactions.Enhanced(new Create("sig-a", DogeMint, Dev, "DOGE99", 59_141_732, At114410)),
            PumpFunTransactions.Enhanced(new Create("sig-b", CopyMint, Dev, "RUG", 59_141_732, At114410)),
            PumpFunTransactions.Enhanced(new Create("sig-c", WhaleDevMint, Dev, "BIG", 312_000_000, At114410)));

        var rows = (await FeedAsync()).ToDictionary(r => r.GetProperty("mint").GetString()!);
        string[] Reasons(string mint) => [.. rows[mint].GetProperty("safe_reasons").EnumerateArray().Select(r => r.GetString()!)];
        Assert.Multiple(() =>
        {
            Assert.That(rows.Values.Select(r => r.GetProperty("safe").GetBoolean()), Is.All.False);
            Assert.That(Reasons(DogeMint), Is.EqualTo(new[] { "mint authority not revoked" }));
            Assert.That(Reasons(CopyMint), Is.EqualTo(new[] { "RugCheck danger: Copycat token" }), "Low Liquidity is not on the blocklist");
            Assert.That(Reasons(WhaleDevMint), Is.EqualTo(new[] { "top 10 holders hold 34.2% (> 30%)", "dev holds 31.2% (> 10%)" }));
            Assert.That(rows[WhaleDevMint].GetProperty("sol").GetDecimal(), Is.EqualTo(12.3m));
        });
    }

    [Test]
    public async Task SameCreateFromWebhookAndPoller_IsOneRow_EnrichedOnce()
    {
        Coin(DogeMint, "DOGE99", 59_141_732);
        var create = PumpFunTransactions.Enhanced(new Create("sig-doge", DogeMint, Dev, "DOGE99", 59_141_732, At114410));
        Providers.Given(Request.Create().WithPath(HeliusFakes.ProgramHistoryPath).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody(new JsonArray(PumpFunTransactions.EnhancedBuy("sig-buy", DogeMint, Dev, At114410 + 1), create.DeepClone()).ToJsonString()));

        await DeliverAsync(create);
        await DeliverAsync(create);
        var queued = await Stack.Worker.Services.GetRequiredService<MintPoller>().RunOnceAsync(CancellationToken.None);
        await Eventually.TrueAsync(
            async () => (await Stack.Redis.HashValuesAsync("helius-mints:status")).All(status => status == "done"), TimeSpan.FromSeconds(10), "the poller's job is done");

        var assetCalls = Providers.LogEntries.Count(e => e.RequestMessage.Body?.Contains("\"getAsset\"", StringComparison.Ordinal) == true);
        Assert.Multiple(async () =>
        {
            Assert.That(queued, Is.EqualTo(1), "the poller found the create");
            Assert.That(await FeedAsync(), Has.Length.EqualTo(1));
            Assert.That(assetCalls, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task EachIngestion_BooksItsHeliusCredits_AndLatencies_ForTheMetricsPanel()
    {
        Coin(DogeMint, "DOGE99", 59_141_732);
        var before = await Client.GetFromJsonAsync<JsonElement>("/api/metrics/latency-usage");

        await DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-credits", DogeMint, Dev, "DOGE99", 59_141_732, At114410)));

        var after = await Client.GetFromJsonAsync<JsonElement>("/api/metrics/latency-usage");
        Assert.Multiple(() =>
        {
            // docs/providers.md §1.0: getAsset (DAS) 10, getTokenLargestAccounts 1, getMultipleAccounts 1.
            Assert.That(after.GetProperty("helius_credits_used").GetDouble() - before.GetProperty("helius_credits_used").GetDouble(), Is.EqualTo(12));
            Assert.That(after.GetProperty("helius_ms").GetDouble(), Is.GreaterThan(0));
            Assert.That(after.GetProperty("rugcheck_ms").GetDouble(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task TheFeedKeepsItsNewestRows_UpToTheCap_AndOnlyCuratedMintsAreDoxxed()
    {
        var mints = new[] { "FeeD1mint11111111111111111111111111111pump", "FeeD2mint11111111111111111111111111111pump", "FeeD3mint11111111111111111111111111111pump", KnownTeamMint };
        for (var i = 0; i < mints.Length; i++)
        {
            Coin(mints[i], $"F{i}", 59_141_732);
            await DeliverAsync(PumpFunTransactions.Enhanced(new Create($"sig-feed-{i}", mints[i], Dev, $"F{i}", 59_141_732, At114410 + i)));
        }

        var rows = await FeedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.GetProperty("mint").GetString()), Is.EqualTo(mints.Skip(1).Reverse()), "newest first, the oldest dropped at the cap of 3");
            Assert.That(rows.Select(r => r.GetProperty("team").GetString()), Is.EqualTo(new[] { "doxxed", "anon", "anon" }));
        });
    }
}
