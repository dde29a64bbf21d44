using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Sandbox.Providers;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.HeliusMints;
using Alpha2.Worker.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Tests.HeliusMints;

/// <summary>Safety re-checks (docs/domain.md §2.1.1): the schedule driven by a manual clock, against the fakes and real Redis.</summary>
public sealed class SafetyRecheckTests
{
    private const long At = 1759751050;
    private const string DogeMint = "DoGE99recheck111111111111111111111111pump";
    private const string CopyMint = "CoPYrecheck11111111111111111111111111pump";
    private static readonly string Dev = SolanaWorld.Wallet("dev");

    private HeliusStack _helius = null!;

    private TestStack Stack => _helius.Stack;

    private IDatabase Redis => Stack.Redis;

    private IServiceProvider Services => Stack.Worker.Services;

    [OneTimeSetUp]
    public async Task StartAsync() => _helius = await HeliusStack.StartAsync(settings => settings["SAFETY_RECHECK_TICK_SECONDS"] = "0");

    [OneTimeTearDown]
    public async Task StopAsync() => await _helius.DisposeAsync();

    [SetUp]
    public Task ResetAsync() => _helius.ResetAsync();

    /// <summary>A safe coin: the curve, the dev's 5.9% and six small holders (top 10 at 8.9%).</summary>
    private SolanaWorld.Token Coin(string mint, string symbol)
    {
        var token = _helius.World.Add(mint, symbol).WithCurveHolding(910_858_268).With(Dev, 59_141_732);
        for (var i = 0; i < 6; i++)
        {
            token.With(SolanaWorld.Wallet($"{mint}-holder-{i}"), 5_000_000);
        }

        token.MetadataUri = Stack.Providers.Metadata(symbol, "https://x.com/" + symbol);
        return token;
    }

    private Task<JsonElement[]> IngestAsync(string mint, string symbol, long at) =>
        _helius.DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-" + mint, mint, Dev, symbol, 59_141_732, at)));

    /// <summary>A re-checker on <paramref name="clock"/>, otherwise the worker's own graph (its loop is off in this fixture).</summary>
    private SafetyRecheck Rechecker(ManualClock clock, int creditsPerHour = 3_600) =>
        ActivatorUtilities.CreateInstance<SafetyRecheck>(Services, clock, Options.Create(new SafetyRecheckOptions { CreditsPerHour = creditsPerHour, TickSeconds = 0 }));

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonElement> RowAsync(string mint) =>
        (await _helius.FeedAsync()).Single(r => r.GetProperty("mint").GetString() == mint);

    private int HeliusCalls(string method, string mint) =>
        Stack.Providers.LogEntries.Count(e => e.RequestMessage.Body is { } body && body.Contains(method, StringComparison.Ordinal) && body.Contains(mint, StringComparison.Ordinal));

    [Test]
    public async Task SniperGathersSupplyAfterIngestion_TheOneMinuteCheck_MakesTheRowUnsafe_AndHistoryKeepsBothVerdicts()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var token = Coin(DogeMint, "DOGE99");
        await IngestAsync(DogeMint, "DOGE99", At);
        var ingested = await RowAsync(DogeMint);

        // After launch one wallet buys 35% of the supply off the curve.
        token.Holders.RemoveAt(0);
        token.WithCurveHolding(560_858_268).With(SolanaWorld.Wallet("sniper"), 350_000_000);
        clock.Advance(TimeSpan.FromMinutes(2));
        var round = await Rechecker(clock).RunOnceAsync(CancellationToken.None);

        var expectedAt = Format(clock.GetUtcNow());
        await Eventually.TrueAsync(async () => (await RowAsync(DogeMint)).GetProperty("checked_at").GetString() == expectedAt, TimeSpan.FromSeconds(10), "the served feed shows the re-check");
        var row = await RowAsync(DogeMint);
        var history = row.GetProperty("safe_history").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(round, Is.EqualTo(new RecheckRound(Checked: 1, Changed: 1, Postponed: 0)));
            Assert.That(ingested.GetProperty("safe").GetBoolean(), Is.True, ingested.ToString());
            Assert.That(ingested.GetProperty("safe_history").GetArrayLength(), Is.EqualTo(1), "ingestion is the first verdict");
            Assert.That(ingested.GetProperty("checked_at").GetString(), Is.EqualTo(ingested.GetProperty("safe_history")[0].GetProperty("at").GetString()));
            Assert.That(row.GetProperty("safe").GetBoolean(), Is.False);
            Assert.That(row.GetProperty("safe_reasons").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "top 10 holders hold 43.9% (> 30%)" }));
            Assert.That(row.GetProperty("top10_pct").GetDecimal(), Is.EqualTo(43.9m));
            Assert.That(row.GetProperty("dev_pct").GetDecimal(), Is.EqualTo(5.9m));
            Assert.That(history.Select(h => h.GetProperty("safe").GetBoolean()), Is.EqualTo(new[] { true, false }));
            Assert.That(history[1].GetProperty("at").GetString(), Is.EqualTo(expectedAt));
            Assert.That(history[1].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "top 10 holders hold 43.9% (> 30%)" }));
            foreach (var field in new[] { "name", "mint", "team", "original", "hasTw", "sol", "ts", "symbol", "creator" })
            {
                Assert.That(row.GetProperty(field).ToString(), Is.EqualTo(ingested.GetProperty(field).ToString()), field);
            }
        });
    }

    [Test]
    public async Task VerdictUnchanged_CheckedAtMoves_HistoryDoesNot_AndEachStageRunsOnce()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Coin(DogeMint, "DOGE99");
        await IngestAsync(DogeMint, "DOGE99", At);
        var rechecker = Rechecker(clock);

        var early = await rechecker.RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var first = await rechecker.RunOnceAsync(CancellationToken.None);
        var again = await rechecker.RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(4));
        var second = await rechecker.RunOnceAsync(CancellationToken.None);

        var expectedAt = Format(clock.GetUtcNow());
        await Eventually.TrueAsync(async () => (await RowAsync(DogeMint)).GetProperty("checked_at").GetString() == expectedAt, TimeSpan.FromSeconds(10), "the served feed shows the second re-check");
        var row = await RowAsync(DogeMint);
        Assert.Multiple(() =>
        {
            Assert.That(early.Checked, Is.Zero, "nothing is due before the first minute");
            Assert.That(first, Is.EqualTo(new RecheckRound(1, 0, 0)));
            Assert.That(again.Checked, Is.Zero, "a stage runs once");
            Assert.That(second, Is.EqualTo(new RecheckRound(1, 0, 0)), "the five-minute stage");
            Assert.That(row.GetProperty("safe").GetBoolean(), Is.True);
            Assert.That(row.GetProperty("safe_history").GetArrayLength(), Is.EqualTo(1), "no change, no entry");
            Assert.That(HeliusCalls("getAsset", DogeMint), Is.EqualTo(3), "ingestion and two re-checks");
        });
    }

    [Test]
    public async Task BudgetSpent_PostponesTheRestToTheNextHour_WithoutDroppingThem()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Coin(DogeMint, "DOGE99");
        Coin(CopyMint, "COPY");
        await IngestAsync(DogeMint, "DOGE99", At);
        await IngestAsync(CopyMint, "COPY", At + 1);
        var rechecker = Rechecker(clock, creditsPerHour: SafetyCheck.Credits);

        clock.Advance(TimeSpan.FromMinutes(2));
        var spent = await rechecker.RunOnceAsync(CancellationToken.None);
        var spentAt = Format(clock.GetUtcNow());
        var waiting = await Redis.SortedSetLengthAsync(RedisKeys.MintRecheckDue, double.NegativeInfinity, clock.GetUtcNow().ToUnixTimeSeconds());
        var credits = (long)await Redis.StringGetAsync(RedisKeys.MintRecheckCredits(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromHours(1));
        var nextHour = await rechecker.RunOnceAsync(CancellationToken.None);

        // One row was checked in the spent hour, the postponed one in the next (the longest-waiting check goes first).
        string[] expected = [spentAt, Format(clock.GetUtcNow())];
        await Eventually.TrueAsync(
            async () => (await _helius.FeedAsync()).Select(r => r.GetProperty("checked_at").GetString()).Order().SequenceEqual(expected),
            TimeSpan.FromSeconds(10),
            "each row shows its own round");
        Assert.Multiple(() =>
        {
            Assert.That(spent, Is.EqualTo(new RecheckRound(1, 0, 1)));
            Assert.That(waiting, Is.EqualTo(1), "the postponed check is still due");
            Assert.That(credits, Is.EqualTo(SafetyCheck.Credits));
            Assert.That(nextHour, Is.EqualTo(new RecheckRound(1, 0, 1)), "the next hour's budget, one check again");
        });
    }

    [Test]
    public async Task TwoReplicasAtOnce_EachDueCheckRunsOnce()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Coin(DogeMint, "DOGE99");
        Coin(CopyMint, "COPY");
        await IngestAsync(DogeMint, "DOGE99", At);
        await IngestAsync(CopyMint, "COPY", At + 1);

        clock.Advance(TimeSpan.FromMinutes(2));
        var rounds = await Task.WhenAll(Rechecker(clock).RunOnceAsync(CancellationToken.None), Rechecker(clock).RunOnceAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(rounds.Sum(r => r.Checked), Is.EqualTo(2));
            Assert.That(HeliusCalls("getAsset", DogeMint), Is.EqualTo(2), "ingestion and one re-check");
            Assert.That(HeliusCalls("getAsset", CopyMint), Is.EqualTo(2), "ingestion and one re-check");
        });
    }

    [Test]
    public async Task ReplicaDiesHoldingAClaim_TheCheckComesDueAgainAfterTheClaimTimeout()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Coin(DogeMint, "DOGE99");
        await IngestAsync(DogeMint, "DOGE99", At);
        clock.Advance(TimeSpan.FromMinutes(2));

        // A replica claims the check and dies before writing it.
        var lost = await Services.GetRequiredService<MintRechecks>().ClaimAsync(clock.GetUtcNow(), 20, SafetyCheck.Credits, 3_600, TimeSpan.FromMinutes(5));
        var rechecker = Rechecker(clock);
        var whileClaimed = await rechecker.RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        var afterTimeout = await rechecker.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(lost.Claimed.Select(c => c.Mint), Is.EqualTo(new[] { DogeMint }));
            Assert.That(whileClaimed.Checked, Is.Zero, "a claimed check is nobody else's");
            Assert.That(afterTimeout.Checked, Is.EqualTo(1), "the dead replica's check runs again");
        });
    }

    [Test]
    public async Task CopyFlippedBeforeTheCheck_KeepsOriginalFalseAndItsOriginalMint()
    {
        const string EarlierMint = "EarLierrecheck1111111111111111111111pump";
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Coin(DogeMint, "DOGE99");
        Coin(EarlierMint, "DOGE99");
        await IngestAsync(DogeMint, "DOGE99", At);
        await IngestAsync(EarlierMint, "DOGE99", At - 60);

        clock.Advance(TimeSpan.FromMinutes(2));
        var round = await Rechecker(clock).RunOnceAsync(CancellationToken.None);

        var checkedAt = Format(clock.GetUtcNow());
        await Eventually.TrueAsync(async () => (await RowAsync(DogeMint)).GetProperty("checked_at").GetString() == checkedAt, TimeSpan.FromSeconds(10), "the served feed shows the re-check");
        var row = await RowAsync(DogeMint);
        Assert.Multiple(() =>
        {
            Assert.That(round.Checked, Is.EqualTo(2));
            Assert.That(row.GetProperty("original").GetBoolean(), Is.False);
            Assert.That(row.GetProperty("original_mint").GetString(), Is.EqualTo(EarlierMint));
        });
    }

    [Test]
    public async Task WriteOverAChangedRow_IsRefused_AndTheRowStays()
    {
        Coin(DogeMint, "DOGE99");
        await IngestAsync(DogeMint, "DOGE99", At);
        var feed = Services.GetRequiredService<MintFeed>();
        var stored = (await feed.RowAsync(DogeMint))!;
        var row = JsonSerializer.Deserialize(stored, Alpha2Json.Default.MintRow)!;

        var write = await Services.GetRequiredService<MintRechecks>().WriteAsync(DogeMint, [.. stored, (byte)' '], row with { Safe = false }, At + 300);

        Assert.Multiple(async () =>
        {
            Assert.That(write, Is.EqualTo(RecheckWrite.Conflict));
            Assert.That(await feed.RowAsync(DogeMint), Is.EqualTo(stored));
        });
    }

    [Test]
    public async Task RowDroppedByTheCap_LeavesTheSchedule()
    {
        Coin(DogeMint, "DOGE99");
        await IngestAsync(DogeMint, "DOGE99", At);
        var feed = Services.GetRequiredService<MintFeed>();
        var before = await Redis.SortedSetScoreAsync(RedisKeys.MintRecheckDue, DogeMint);

        // A newer row with a cap of one pushes the first out, as HELIUS_MINTS_MAX_ROWS does.
        var newer = JsonSerializer.Deserialize((await feed.RowAsync(DogeMint))!, Alpha2Json.Default.MintRow)! with { Mint = CopyMint, Symbol = "COPY" };
        await feed.AddAsync(newer, At + 60, "COPY", TimeSpan.FromDays(1), maxRows: 1, new Contracts.HeliusMints.MintRecheck(At, Dev), At + 120);

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.Not.Null, "ingestion scheduled the first re-check");
            Assert.That(await Redis.SortedSetScoreAsync(RedisKeys.MintRecheckDue, DogeMint), Is.Null);
            Assert.That(await Redis.HashExistsAsync(RedisKeys.MintRecheckState, DogeMint), Is.False);
            Assert.That(await Redis.SortedSetScoreAsync(RedisKeys.MintRecheckDue, CopyMint), Is.EqualTo(At + 120));
        });
    }

    [TestCase("1m,5m,30m,2h,6h,24h", new[] { 60, 300, 1800, 7200, 21600, 86400 })]
    [TestCase(" 30s , 1d, 30s", new[] { 30, 86400 })]
    [TestCase("", new int[0])]
    public void Schedule_IsReadInSecondsMinutesHoursOrDays(string setting, int[] seconds) =>
        Assert.That(SafetyRecheckOptions.ParseSchedule(setting).Select(t => (int)t.TotalSeconds), Is.EqualTo(seconds));

    [TestCase("5x")]
    [TestCase("-1m")]
    [TestCase("m")]
    public void Schedule_RejectsWhatItCannotRead_NamingTheVariable(string setting) =>
        Assert.That(() => SafetyRecheckOptions.ParseSchedule(setting), Throws.InvalidOperationException.With.Message.Contains("SAFETY_RECHECK_SCHEDULE"));

    [Test]
    public void NextDue_SkipsStagesAlreadyPassed_AndEndsAfterTheLast()
    {
        var options = new SafetyRecheckOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.NextDue(1000, 1000), Is.EqualTo(1060));
            Assert.That(options.NextDue(1000, 1000 + 3 * 3600), Is.EqualTo(1000 + 6 * 3600), "a check postponed past two stages waits for the next");
            Assert.That(options.NextDue(1000, 1000 + 24 * 3600), Is.Null);
        });
    }
}
