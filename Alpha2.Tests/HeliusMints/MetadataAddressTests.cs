using System.Net;
using Alpha2.Queue.Consumer;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers.TokenMetadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Tests.HeliusMints;

/// <summary>A mint's metadata address is chosen by whoever minted it: only public http(s) hosts are fetched.</summary>
public sealed class MetadataAddressTests
{
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    [TestCase("127.0.0.1")]
    [TestCase("10.1.2.3")]
    [TestCase("172.20.0.5")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("::1")]
    [TestCase("fd00::1")]
    [TestCase("fe80::1")]
    [TestCase("::ffff:10.0.0.1")]
    public void PrivateLoopbackAndLinkLocalAddresses_AreNotPublic(string address) =>
        Assert.That(MetadataHttp.IsPublic(IPAddress.Parse(address)), Is.False);

    [TestCase("104.16.0.1")]
    [TestCase("2606:4700::6810:1")]
    public void InternetAddresses_ArePublic(string address) =>
        Assert.That(MetadataHttp.IsPublic(IPAddress.Parse(address)), Is.True);

    [TestCase("https://ipfs.io/ipfs/QmX", "https://ipfs.io/ipfs/QmX")]
    [TestCase("ipfs://QmX/meta.json", "https://ipfs.io/ipfs/QmX/meta.json")]
    [TestCase("file:///etc/passwd", null)]
    [TestCase("gopher://x", null)]
    [TestCase("not a uri", null)]
    public void Addresses_AreFetchedOnlyOverHttp(string uri, string? fetched) =>
        Assert.That(MetadataHttp.Resolve(uri, NoSettings)?.ToString(), Is.EqualTo(fetched));

    [Test]
    public void MetadataOnAPrivateHost_IsRefusedByDefault()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(NoSettings);
        services.AddSingleton(new ProviderMetrics(RedisServer.Connection, TimeProvider.System));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ProviderResilienceOptions>();
        services.AddTokenMetadata(NoSettings);
        using var provider = services.BuildServiceProvider();
        var metadata = provider.GetRequiredService<TokenMetadata>();

        var refused = Assert.ThrowsAsync<JobFailedException>(() => metadata.TwitterAsync("http://127.0.0.1:9/meta.json", CancellationToken.None));
        Assert.That(refused!.InnerException?.Message, Does.Contain("not a public address"));
    }
}
