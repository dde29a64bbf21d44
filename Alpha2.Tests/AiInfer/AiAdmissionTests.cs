using Alpha2.Contracts;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.AiInfer;
using StackExchange.Redis;

namespace Alpha2.Tests.AiInfer;

/// <summary>
/// The AI admission takes spend and call slots from Redis in leases: replicas together never pass the cap, a busy
/// worker asks Redis once per lease, and an idle lease goes back so the day's total holds only what was admitted.
/// </summary>
public sealed class AiAdmissionTests : OwnRedisDatabase
{
    private ManualClock _clock = null!;
    private string _provider = null!;

    private string SpendKey => RedisKeys.AiSpend(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new ManualClock(DateTimeOffset.UtcNow);
        _provider = $"provider-{Guid.NewGuid():N}"; // each test its own call windows
        await Db.KeyDeleteAsync(SpendKey);
    }

    [Test]
    public async Task TwoReplicasRacingForTheCap_AdmitNoMoreThanIt()
    {
        const long cap = 1_000, prompt = 7;
        using var first = new AiAdmission(Redis, _clock);
        using var second = new AiAdmission(Redis, _clock);

        var answers = await AdmitAsync([first, second], 400, prompt, cap);
        var admitted = answers.Count(a => a is null);

        Assert.Multiple(() =>
        {
            Assert.That(admitted * prompt, Is.LessThanOrEqualTo(cap));
            Assert.That(admitted, Is.GreaterThan(130), "the whole cap, but for less than a prompt per replica, is usable although both hold leases");
            Assert.That(answers.Where(a => a is not null), Is.All.GreaterThan(cap - prompt), "a refusal reports what the day holds");
        });
    }

    [Test]
    public async Task IdleLease_GoesBack_SoTheDayHoldsOnlyWhatWasAdmitted()
    {
        const long cap = 1_000, prompt = 7;
        using var first = new AiAdmission(Redis, _clock);
        using var second = new AiAdmission(Redis, _clock);

        var answers = await AdmitAsync([first, second], 40, prompt, cap);
        Assert.That(answers, Is.All.Null);
        Assert.That((long)await Db.StringGetAsync(SpendKey), Is.GreaterThan(40 * prompt), "both replicas hold leases beyond the prompts they admitted");

        _clock.Advance(AiAdmission.IdleReturn * 2);
        await Eventually.TrueAsync(
            async () => (long)await Db.StringGetAsync(SpendKey) == 40 * prompt,
            TimeSpan.FromSeconds(10),
            "idle leases went back: the day's total is exactly what was admitted");
    }

    [Test]
    public async Task BusyWorker_AsksRedisOncePerLease_NotOncePerPrompt()
    {
        await using var counted = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        using var admission = new AiAdmission(counted, _clock);
        var before = counted.GetCounters().Interactive.OperationCount;

        for (var i = 0; i < 320; i++)
        {
            Assert.That(await admission.TryAdmitAsync(_provider, perSecond: 1_000, microUsd: 10, capMicroUsd: 1_000_000, CancellationToken.None), Is.Null);
        }

        var roundTrips = counted.GetCounters().Interactive.OperationCount - before;
        Assert.That(roundTrips, Is.InRange(5, 20), "32 prompts per spend lease, 64 calls per slot lease (a tenth of 1,000/s)");
    }

    [Test]
    public async Task CallSlots_HoldTheRateAcrossReplicas_AndExpireWithTheirSecond()
    {
        using var first = new AiAdmission(Redis, _clock);
        using var second = new AiAdmission(Redis, _clock);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var attempts = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? first : second).TryAdmitAsync(_provider, perSecond: 10, microUsd: 1, capMicroUsd: 1_000_000, stop.Token))
            .ToArray();
        int Admitted() => attempts.Count(a => a.IsCompletedSuccessfully);

        await Eventually.TrueAsync(() => Task.FromResult(_clock.PendingOneShotTimers == 10), TimeSpan.FromSeconds(10), "ten calls refused, sleeping until the next second");
        Assert.That(Admitted(), Is.EqualTo(10), "ten calls in this second across both replicas; the rest wait for the next");

        // Past the next second and the waiters' jitter: their timers fire and they ask again.
        _clock.Advance(TimeSpan.FromMilliseconds(1_100));
        await Eventually.TrueAsync(() => Task.FromResult(Admitted() == 20), TimeSpan.FromSeconds(10), "the waiting calls go in the next second");
    }

    [Test]
    public async Task ShuttingDown_GivesTheUnusedSpendLeaseBack()
    {
        var admission = new AiAdmission(Redis, _clock);
        Assert.That(await admission.TryAdmitAsync(_provider, perSecond: 100, microUsd: 10, capMicroUsd: 1_000_000, CancellationToken.None), Is.Null);
        Assert.That((long)await Db.StringGetAsync(SpendKey), Is.GreaterThan(10), "a lease of several prompts");

        admission.Dispose();

        await Eventually.TrueAsync(async () => (long)await Db.StringGetAsync(SpendKey) == 10, TimeSpan.FromSeconds(5), "only the admitted prompt stays");
    }

    private Task<long?[]> AdmitAsync(AiAdmission[] replicas, int prompts, long microUsd, long cap) =>
        Task.WhenAll(Enumerable.Range(0, prompts).Select(i =>
            replicas[i % replicas.Length].TryAdmitAsync(_provider, perSecond: 100_000, microUsd, cap, CancellationToken.None)));
}
