using System.Net;
using System.Net.Sockets;
using Alpha2.ServiceDefaults;
using Alpha2.Tests.Infrastructure;
using StackExchange.Redis;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// The tunnel a <c>redis+sentinel://</c> URL gives, against real sentinels: a socket is connected to where the sentinels
/// named the primary, and kept only if they still name it once it is connected (docs/scaling.md).
/// </summary>
public sealed class SentinelTunnelTests
{
    [Test]
    public async Task ASocketConnectedToThePrimaryTheSentinelsName_IsKept()
    {
        await using var set = await SentinelSet.StartAsync();
        var tunnel = (SentinelTunnel)RedisUrl.Parse(set.Url).Tunnel!;

        var primary = await tunnel.GetSocketConnectEndpointAsync(tunnel.LogicalEndPoint, CancellationToken.None);
        using var socket = await ConnectAsync(primary!);

        Assert.That(await tunnel.BeforeAuthenticateAsync(tunnel.LogicalEndPoint, ConnectionType.Interactive, socket, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ASocketThatReachesTheOldPrimaryAfterAFailover_IsRefusedNamingTheNewOne()
    {
        await using var set = await SentinelSet.StartAsync();
        var tunnel = (SentinelTunnel)RedisUrl.Parse(set.Url).Tunnel!;
        var named = await tunnel.GetSocketConnectEndpointAsync(tunnel.LogicalEndPoint, CancellationToken.None);
        Assert.That(named, Is.EqualTo(new IPEndPoint(IPAddress.Loopback, set.Primary.Port)));

        // The answer was given; the failover finishes before the socket is connected, and the old primary still answers.
        await set.FailoverAsync();
        await Eventually.TrueAsync(async () => await set.EveryoneNamesAsPrimaryAsync(set.Replica.Port), TimeSpan.FromSeconds(30), "every sentinel named the replica");
        using var socket = await ConnectAsync(named!);

        var refused = Assert.ThrowsAsync<IOException>(async () =>
            await tunnel.BeforeAuthenticateAsync(tunnel.LogicalEndPoint, ConnectionType.Interactive, socket, CancellationToken.None));
        Assert.That(refused!.Message, Does.Contain($"the sentinels now name 127.0.0.1:{set.Replica.Port} the primary"));
    }

    private static async Task<Socket> ConnectAsync(EndPoint endpoint)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        return socket;
    }
}
