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

/// <summary>Safety re-checks change the verdict, history and checked_at as docs/domain.md §2.1.1 says, and nothing else of the row.</summary>
public sealed class SafetyRecheckTests : RecheckFixture
{
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
}
