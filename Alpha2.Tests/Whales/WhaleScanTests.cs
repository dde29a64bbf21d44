using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Sandbox.Providers;
using Alpha2.Solana;
using Alpha2.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Tests.Whales;

/// <summary>POST /api/whales/scan through the real worker: holders from Helius, prices from the curve or Birdeye.</summary>
public sealed class WhaleScanTests
{
    private const string OnCurve = "CurvEmint11111111111111111111111111111pump";
    private const string Graduated = "GraDmint111111111111111111111111111111pump";
    private const string Single = "SingLemint1111111111111111111111111111pump";
    private const string Quiet = "QuieTmint11111111111111111111111111111pump";
    private const string Unfed = "UnfeDmint11111111111111111111111111111pump";
    private const string WrappedSol = "So11111111111111111111111111111111111111112";

    private static readonly string Dev = SolanaWorld.Wallet("whale-dev");
    // An AMM pool's vault authority: a program address, never a whale.
    private static readonly string PoolAuthority = ProgramAddress.Find("pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA", "pool-authority"u8.ToArray());

    private HeliusStack _helius = null!;

    private TestStack Stack => _helius.Stack;

    private SolanaWorld World => _helius.World;

    private WireMockServer Providers => Stack.Providers;

    [OneTimeSetUp]
    public async Task StartAsync() => _helius = await HeliusStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _helius.DisposeAsync();

    [SetUp]
    public async Task ResetAsync()
    {
        await _helius.ResetAsync();

        // On the curve at 1e-7 SOL a token (50 SOL over 500M tokens): 50M tokens are worth 5 SOL.
        var onCurve = World.Add(OnCurve, "CURVE").WithCurveHolding(400_000_000)
            .With(Dev, 100_000_000)                              // the creator: 10 SOL, excluded
            .With(SolanaWorld.Wallet("w1"), 60_000_000)          // 6 SOL: a whale
            .With(SolanaWorld.Wallet("w2"), 50_000_000)          // 5 SOL: a whale, exactly at the threshold
            .With(SolanaWorld.Wallet("w3"), 49_000_000);         // 4.9 SOL: not a whale
        onCurve.Reserves = (50_000_000_000, 500_000_000_000_000, false);
        onCurve.MetadataUri = Providers.Metadata("CURVE", null);

        // Graduated: no curve account (null in getMultipleAccounts); Birdeye prices it at $0.001 with SOL at $200.
        var graduated = World.Add(Graduated, "GRAD").With(PoolAuthority, 100_000_000)
            .With(SolanaWorld.Wallet("g1"), 2_000_000)           // 10 SOL
            .With(SolanaWorld.Wallet("g2"), 1_000_000)           // 5 SOL
            .With(SolanaWorld.Wallet("g3"), 500_000);            // 2.5 SOL
        graduated.Reserves = null;
        Price(Graduated, 0.001m);
        Price(WrappedSol, 200m);

        World.Add(Single, "ONE").WithCurveHolding(500_000_000).With(SolanaWorld.Wallet("s1"), 100_000_000).Reserves = (50_000_000_000, 500_000_000_000_000, false);
        World.Add(Quiet, "QUIET").WithCurveHolding(500_000_000).With(SolanaWorld.Wallet("q1"), 1_000_000).Reserves = (50_000_000_000, 500_000_000_000_000, false);
    }

    private void Price(string mint, decimal usd) =>
        Providers.Given(Request.Create().WithPath("/defi/price").WithParam("address", mint).UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody($$$"""{"success":true,"data":{"value":{{{usd}}},"updateUnixTime":1759751050,"liquidity":906054.03} }"""));

    private Task<JsonElement[]> IngestOnCurveMintAsync() =>
        _helius.DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-curve", OnCurve, Dev, "CURVE", 100_000_000, 1759751050)));

    private async Task<JsonElement> ScanAsync(object body)
    {
        var jobId = await Stack.Client.PostJobAsync("/api/whales/scan", body);
        return await Stack.Client.FinishedJobAsync(jobId);
    }

    [Test]
    public async Task Scan_RanksByWhalesThenSol_AndExcludesCurvePoolsCreatorAndSmallPositions()
    {
        await IngestOnCurveMintAsync();
        Providers.ResetLogEntries();

        var job = await ScanAsync(new { mints = new[] { Quiet, Single, OnCurve, Graduated } });
        var top3 = await Stack.Client.GetFromJsonAsync<JsonElement>("/api/whales/top3");

        var rpcBodies = Providers.LogEntries.Where(e => e.RequestMessage.Path == "/" && e.RequestMessage.Method == "POST").Select(e => e.RequestMessage.Body!).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), job.ToString());
            Assert.That(top3.ToString(), Is.EqualTo(job.GetProperty("result").ToString()));
            Assert.That(top3.EnumerateArray().Select(r => (r.GetProperty("mint").GetString(), r.GetProperty("name").GetString(), r.GetProperty("whales").GetInt32(), r.GetProperty("sol_sum").GetDecimal())),
                Is.EqualTo(new[] { (Graduated, "$GRAD", 2, 15.0m), (OnCurve, "$CURVE", 2, 11.0m), (Single, "$ONE", 1, 10.0m) }));
            // One batch of getTokenLargestAccounts and one of getMultipleAccounts for all four mints.
            Assert.That(rpcBodies.Count(b => b.Contains("getTokenLargestAccounts", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(rpcBodies.Count(b => b.Contains("getMultipleAccounts", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(JsonNode.Parse(rpcBodies.Single(b => b.Contains("getMultipleAccounts", StringComparison.Ordinal)))!.AsArray(), Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task MintNotInOurFeed_ItsCreatorFromTheBondingCurveIsNotAWhale()
    {
        var creator = SolanaWorld.Wallet("unfed-dev");
        var unfed = World.Add(Unfed, "UNFED").WithCurveHolding(400_000_000)
            .With(creator, 100_000_000)                          // 10 SOL, but the curve says it is the creator's
            .With(SolanaWorld.Wallet("u1"), 60_000_000);         // 6 SOL: a whale
        unfed.Reserves = (50_000_000_000, 500_000_000_000_000, false);
        unfed.Creator = creator;

        var job = await ScanAsync(new { mints = new[] { Unfed } });

        var row = job.GetProperty("result").EnumerateArray().Single();
        Assert.That((row.GetProperty("whales").GetInt32(), row.GetProperty("sol_sum").GetDecimal()), Is.EqualTo((1, 6.0m)), job.ToString());
    }

    [Test]
    public async Task BirdeyeSuccessFalse_SkipsThatMint_AndTheSummarySaysWhy()
    {
        Providers.Given(Request.Create().WithPath("/defi/price").WithParam("address", Graduated).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"success":false,"message":"address is invalid format","statusCode":400}"""));

        var job = await ScanAsync(new { mints = new[] { Graduated, Single } });

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), job.ToString());
            Assert.That(job.GetProperty("result").EnumerateArray().Select(r => r.GetProperty("mint").GetString()), Is.EqualTo(new[] { Single }));
            Assert.That(job.GetProperty("summary").GetProperty("skipped").GetProperty(Graduated).GetString(), Does.Contain("address is invalid format"));
        });
    }

    [Test]
    public async Task ScanWithoutMints_CoversTheFeedsNewestMints()
    {
        await IngestOnCurveMintAsync();

        var job = await ScanAsync(new { });

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("summary").GetProperty("scanned").GetInt32(), Is.EqualTo(1));
            Assert.That(job.GetProperty("result")[0].GetProperty("mint").GetString(), Is.EqualTo(OnCurve));
        });
    }

    [Test]
    public async Task MintsWithoutWhales_AreNotListed()
    {
        var job = await ScanAsync(new { mints = new[] { Quiet } });

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(job.GetProperty("result").GetArrayLength(), Is.Zero);
        });
    }
}
