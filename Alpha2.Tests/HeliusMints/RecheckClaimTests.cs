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

/// <summary>The re-check schedule in Redis: the hourly credit budget, one run per check across replicas, claims that outlive their replica, rows leaving with the cap, refused stale writes.</summary>
public sealed class RecheckClaimTests : RecheckFixture
{
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
            async () => (await Helius.FeedAsync()).Select(r => r.GetProperty("checked_at").GetString()).Order().SequenceEqual(expected),
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
}
