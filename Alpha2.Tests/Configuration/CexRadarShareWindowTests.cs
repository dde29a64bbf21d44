using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Configuration;

/// <summary>CEX_RADAR_SHARE_SECONDS is read once, at startup: 0 turns sharing off, a bad value stops the API there.</summary>
public sealed class CexRadarShareWindowTests
{
    [Test]
    public async Task ZeroSecondWindow_GivesEachIdenticalSearchItsOwnJob()
    {
        await using var api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()), Share("0"));
        using var client = api.CreateClient();

        var first = await client.PostJobAsync("/api/cex-radar/search", new { query = "OPTIMUS" });
        var second = await client.PostJobAsync("/api/cex-radar/search", new { query = "OPTIMUS" });

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task DefaultWindow_SharesOneJobBetweenIdenticalSearches()
    {
        await using var api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()));
        using var client = api.CreateClient();

        var first = await client.PostJobAsync("/api/cex-radar/search", new { query = "OPTIMUS" });
        var second = await client.PostJobAsync("/api/cex-radar/search", new { query = "optimus" });

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase("-5")]
    [TestCase("a minute")]
    public async Task BadValue_StopsTheApiAtStartup_NamingTheVariable(string seconds)
    {
        await using var api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()), Share(seconds));

        Assert.That(() => api.CreateClient(), Throws.InvalidOperationException.With.Message.Contains("CEX_RADAR_SHARE_SECONDS"));
    }

    private static Dictionary<string, string?> Share(string seconds) => new() { ["CEX_RADAR_SHARE_SECONDS"] = seconds };
}
