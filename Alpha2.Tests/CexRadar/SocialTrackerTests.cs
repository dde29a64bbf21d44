using Alpha2.Contracts.CexRadar;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.CexRadar;
using Microsoft.Extensions.Options;

namespace Alpha2.Tests.CexRadar;

/// <summary>The tokens the social refresher keeps fresh: those a search found within CEX_RADAR_TRACK_HOURS.</summary>
public sealed class SocialTrackerTests : OwnRedisDatabase
{
    [Test]
    public async Task RefreshedToken_IsForgotten_OnceTheSearchThatFoundItIsOlderThanTheWindow()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var tracker = new SocialTracker(Redis, Options.Create(new CexRadarOptions { TrackHours = 24 }), clock);
        var token = new ResolvedToken("OptimusMint111111111111111111111111111111111", "OPTIMUS", MatchMethods.None, "https://t.me/optimus_ai");
        await tracker.TrackAsync(token, new CexSocial(1, 100));

        clock.Advance(TimeSpan.FromHours(23));
        await tracker.RefreshedAsync(token.Mint, new CexSocial(7, 250));
        var beforeTheWindowEnds = await tracker.TrackedAsync();
        var figures = await Db.HashGetAsync($"cex-radar:token:{token.Mint}", ["tw_1h", "tg_online"]);

        clock.Advance(TimeSpan.FromHours(2));
        var afterIt = await tracker.TrackedAsync();

        Assert.Multiple(() =>
        {
            Assert.That(beforeTheWindowEnds.Select(t => t.Mint), Is.EqualTo(new[] { token.Mint }), "tracked within the window");
            Assert.That(figures.Select(f => (int)f), Is.EqualTo(new[] { 7, 250 }), "the refresh wrote its figures");
            Assert.That(afterIt, Is.Empty, "refreshing did not extend the window its search started");
        });
    }
}
