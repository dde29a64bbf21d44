using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.ServiceDefaults;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Configuration;

/// <summary>
/// REDIS_KEY_MODE: spec (the default) names keys as the seed spec does; anything unknown stops a host at start. Cluster
/// naming is shown on a real cluster (<c>Deployment/RedisClusterTests</c>), since a process names keys one way only.
/// </summary>
public sealed class RedisKeyModeTests
{
    [Test]
    public void Default_NamesEveryKeyAsTheSeedSpecDoes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(KeyScheme.Mode, Is.EqualTo(RedisKeyMode.Spec));
            Assert.That(QueueKeys.Jobs(QueueNames.AiInfer), Is.EqualTo("ai-infer:jobs"));
            Assert.That(QueueKeys.Status(QueueNames.AiInfer), Is.EqualTo("ai-infer:status"));
            Assert.That(QueueKeys.Processing(QueueNames.Whales, "w1"), Is.EqualTo("whales:processing:w1"));
            Assert.That(QueueKeys.Job("ai-infer:1796375302060"), Is.EqualTo("job:ai-infer:1796375302060"));
            Assert.That(QueueKeys.JobPrefix(QueueNames.AiInfer), Is.EqualTo("job:"));
            Assert.That(QueueKeys.Stats(QueueNames.CexRadar, 29939588), Is.EqualTo("cex-radar:stats:29939588"));
            Assert.That(RedisKeys.CexSearchShare("optimus"), Is.EqualTo("cex-radar:share:optimus"));
            Assert.That(RedisKeys.MintRows, Is.EqualTo("helius-mints:rows"));
            Assert.That(RedisKeys.RateWindow("gemini", 1796375302), Is.EqualTo("ratelimit:gemini:1796375302"));
            Assert.That(RedisKeys.AiSpend(new DateOnly(2026, 12, 4)), Is.EqualTo("spend:ai:20261204"));
        });
    }

    [TestCase("shard")]
    [TestCase("clustered")]
    public void UnknownMode_FailsNamingTheVariable(string value) =>
        Assert.That(() => KeyScheme.Parse(value), Throws.InvalidOperationException.With.Message.Contains("REDIS_KEY_MODE").And.Message.Contains(value));

    [Test]
    public async Task UnknownMode_ApiStopsAtStart_NamingTheVariable()
    {
        await using var api = new ApiFactory(RedisServer.Url(await RedisServer.TakeDatabaseAsync()), new Dictionary<string, string?> { ["REDIS_KEY_MODE"] = "shard" });

        Assert.That(() => api.CreateClient(), Throws.InvalidOperationException.With.Message.Contains("REDIS_KEY_MODE"));
    }

    [Test]
    public async Task UnknownMode_WorkerStopsAtStart_NamingTheVariable()
    {
        var settings = WorkerHost.TestSettings(RedisServer.Url(await RedisServer.TakeDatabaseAsync()));
        settings["REDIS_KEY_MODE"] = "shard";

        Assert.That(async () => await WorkerHost.StartAsync(settings), Throws.InvalidOperationException.With.Message.Contains("REDIS_KEY_MODE"));
    }

    [Test]
    public void ClusterMode_WithADatabaseOtherThanZero_FailsSayingAClusterHasOnlyZero() =>
        Assert.That(
            () => RedisUrl.Parse("redis://127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002/3").WithKeyMode("cluster"),
            Throws.InvalidOperationException.With.Message.Contains("database 3").And.Message.Contains("database 0 only"));
}
