using System.Net;
using Alpha2.ServiceDefaults;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Alpha2.Tests.Configuration;

public sealed class RedisUrlTests
{
    [Test]
    public void PlainUrl_GivesHostPortAndDatabase()
    {
        var options = RedisUrl.Parse("redis://redis:6380/3");

        Assert.Multiple(() =>
        {
            Assert.That(options.EndPoints.Single(), Is.EqualTo(new DnsEndPoint("redis", 6380)));
            Assert.That(options.DefaultDatabase, Is.EqualTo(3));
            Assert.That(options.Ssl, Is.False);
            Assert.That(options.Password, Is.Null);
        });
    }

    [Test]
    public void UserAndEscapedPassword_AreDecoded()
    {
        var options = RedisUrl.Parse("redis://alpha:p%40ss%3Aw0rd@10.0.0.5:6379/0");

        Assert.That(options.User, Is.EqualTo("alpha"));
        Assert.That(options.Password, Is.EqualTo("p@ss:w0rd"));
    }

    [Test]
    public void PasswordOnly_WithEmptyUser_IsAPassword()
    {
        var options = RedisUrl.Parse("redis://:secret@localhost");

        Assert.Multiple(() =>
        {
            Assert.That(options.User, Is.Null);
            Assert.That(options.Password, Is.EqualTo("secret"));
            Assert.That(options.EndPoints.Single(), Is.EqualTo(new DnsEndPoint("localhost", 6379)));
            Assert.That(options.DefaultDatabase, Is.Null);
        });
    }

    [Test]
    public void Rediss_TurnsOnTls()
    {
        Assert.That(RedisUrl.Parse("rediss://cache.example.com:6380").Ssl, Is.True);
    }

    [TestCase("localhost:6379")]
    [TestCase("http://localhost:6379")]
    [TestCase("redis://localhost:6379/abc")]
    [TestCase("")]
    public void NotARedisUrl_IsRefusedWithTheExpectedForm(string url)
    {
        Assert.That(() => RedisUrl.Parse(url), Throws.TypeOf<FormatException>().With.Message.Contains("redis://"));
    }

    [Test]
    public void Redact_HidesThePassword()
    {
        Assert.That(RedisUrl.Redact("redis://alpha:hunter2@redis:6379/0"), Is.EqualTo("redis://***@redis:6379/0"));
    }

    [Test]
    public void SeveralHosts_AreEachAnEndpoint_AsTheNodesOfACluster()
    {
        var options = RedisUrl.Parse("redis://:secret@10.0.0.1:7000,10.0.0.2:7001,node3/0");

        Assert.Multiple(() =>
        {
            Assert.That(options.EndPoints, Is.EqualTo(new EndPoint[] { new IPEndPoint(IPAddress.Parse("10.0.0.1"), 7000), new IPEndPoint(IPAddress.Parse("10.0.0.2"), 7001), new DnsEndPoint("node3", 6379) }));
            Assert.That(options.Password, Is.EqualTo("secret"));
            Assert.That(options.Tunnel, Is.Null);
        });
    }

    [Test]
    public void SentinelUrl_GivesTheSentinelsTheServiceAndTheDatabase()
    {
        var options = RedisUrl.Parse("redis+sentinel://alpha:pw@s1:26380,s2,s3:26381/mymaster/2");

        var tunnel = (SentinelTunnel)options.Tunnel!;
        Assert.Multiple(() =>
        {
            Assert.That(tunnel.Sentinels, Is.EqualTo(new EndPoint[] { new DnsEndPoint("s1", 26380), new DnsEndPoint("s2", 26379), new DnsEndPoint("s3", 26381) }));
            Assert.That(tunnel.Service, Is.EqualTo("mymaster"));
            Assert.That(options.EndPoints.Single(), Is.EqualTo(tunnel.LogicalEndPoint), "one primary, wherever the sentinels say it is");
            Assert.That(options.DefaultDatabase, Is.EqualTo(2));
            Assert.That(options.User, Is.EqualTo("alpha"));
            Assert.That(options.Password, Is.EqualTo("pw"));
            Assert.That(options.Ssl, Is.False);
        });
    }

    [Test]
    public void TlsSentinelUrl_LeavesTlsToTheTunnel_WithTheCaGiven()
    {
        using var certificates = TestCertificates.WriteTo(Directory.CreateTempSubdirectory("alpha2-ca-").FullName);

        var options = RedisUrl.Parse("rediss+sentinel://s1,s2/mymaster/0", tlsCaFile: certificates.CaFile);

        var tunnel = (SentinelTunnel)options.Tunnel!;
        Assert.Multiple(() =>
        {
            Assert.That(tunnel.Tls?.CaFile, Is.EqualTo(certificates.CaFile));
            Assert.That(options.Ssl, Is.False, "the tunnel speaks TLS itself, checking the name the sentinels gave");
        });
    }

    [Test]
    public void SentinelUrl_WithoutAService_IsRefusedNamingIt()
    {
        Assert.That(() => RedisUrl.Parse("redis+sentinel://s1:26379"), Throws.TypeOf<FormatException>().With.Message.Contains("service"));
    }

    [TestCase("redis://host:99999/0")]
    [TestCase("redis://host:port/0")]
    [TestCase("redis:///0")]
    [TestCase("redis://host/0/1")]
    public void BadHostPortOrPath_IsRefused(string url)
    {
        Assert.That(() => RedisUrl.Parse(url), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Redact_HidesThePasswordOfASentinelUrl()
    {
        Assert.That(RedisUrl.Redact("redis+sentinel://:hunter2@s1:26379,s2:26379/mymaster"), Is.EqualTo("redis+sentinel://***@s1:26379,s2:26379/mymaster"));
    }

    [Test]
    public void SentinelCredentials_GoToTheTunnel_NotToThePrimary()
    {
        var configuration = Settings(("REDIS_URL", "redis+sentinel://:primary-pw@s1/mymaster/0"), ("REDIS_SENTINEL_USER", "watcher"), ("REDIS_SENTINEL_PASSWORD", "sentinel-pw"));

        var options = configuration.RedisOptions("alpha2-test");

        var tunnel = (SentinelTunnel)options.Tunnel!;
        Assert.Multiple(() =>
        {
            Assert.That(tunnel.Credentials, Is.EqualTo(new SentinelCredentials("watcher", "sentinel-pw")));
            Assert.That(options.Password, Is.EqualTo("primary-pw"));
            Assert.That(tunnel.Credentials!.ToString(), Does.Not.Contain("sentinel-pw"), "a logged record shows no password");
        });
    }

    [Test]
    public void ASentinelPassword_WithAUrlThatNamesNoSentinels_IsRefusedNamingBoth()
    {
        var configuration = Settings(("REDIS_URL", "redis://redis:6379/0"), ("REDIS_SENTINEL_PASSWORD", "sentinel-pw"));

        Assert.That(() => configuration.RedisOptions("alpha2-test"), Throws.TypeOf<FormatException>()
            .With.Message.Contains("REDIS_SENTINEL_PASSWORD").And.Message.Contains("redis+sentinel://"));
    }

    [Test]
    public void ASentinelUser_WithoutAPassword_IsRefused()
    {
        var configuration = Settings(("REDIS_URL", "redis+sentinel://s1/mymaster/0"), ("REDIS_SENTINEL_USER", "watcher"));

        Assert.That(() => configuration.RedisOptions("alpha2-test"), Throws.TypeOf<FormatException>().With.Message.Contains("REDIS_SENTINEL_PASSWORD"));
    }

    private static IConfiguration Settings(params (string Name, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Name, s => (string?)s.Value)).Build();
}
