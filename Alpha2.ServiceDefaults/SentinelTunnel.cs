using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis.Configuration;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// Follows a Sentinel-managed primary (docs/scaling.md): every time a connection to Redis is opened (at start, and each
/// time one is lost), the sentinels are asked where the primary of <see cref="Service"/> is now, and the socket goes
/// there. A failover always drops the connections it affects: the old primary dies, or Sentinel kills its clients when
/// it turns it into a replica and the promoted one's when it promotes it. So every connection — the shared one and each
/// fetch loop's blocking one — lands on the new primary at its next connect, with no restart and nothing to track.
/// StackExchange.Redis's own Sentinel mode is not used: under a failover with many connections it was seen to keep
/// routing writes to no primary for tens of seconds.
/// </summary>
public sealed class SentinelTunnel(IReadOnlyList<EndPoint> sentinels, string service) : Tunnel
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);

    private EndPoint? _lastKnown;

    public IReadOnlyList<EndPoint> Sentinels { get; } = sentinels;

    public string Service { get; } = service;

    /// <summary>The name the multiplexer knows the primary by; the tunnel decides where it really is.</summary>
    public EndPoint LogicalEndPoint => new DnsEndPoint($"{Service}.sentinel-primary", 6379);

    public override async ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        await PrimaryAsync(cancellationToken) ?? _lastKnown ?? throw new IOException($"No sentinel answered for service '{Service}'.");

    /// <summary>The primary's address as the first sentinel that knows it says, or null when none does.</summary>
    public async Task<EndPoint?> PrimaryAsync(CancellationToken cancellationToken)
    {
        foreach (var sentinel in Sentinels)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AskTimeout);
                if (await AskAsync(sentinel, timeout.Token) is { } primary)
                {
                    return _lastKnown = primary;
                }
            }
            catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or FormatException
                                              && !cancellationToken.IsCancellationRequested)
            {
                // The next sentinel may answer; a failover needs only a majority of them alive.
            }
        }

        return null;
    }

    /// <summary><c>SENTINEL GET-MASTER-ADDR-BY-NAME</c> over RESP: an array of host and port, or null when the service is unknown.</summary>
    private async Task<EndPoint?> AskAsync(EndPoint sentinel, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(sentinel, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = Encoding.UTF8.GetBytes(
            $"*3\r\n$8\r\nSENTINEL\r\n$23\r\nGET-MASTER-ADDR-BY-NAME\r\n${Encoding.UTF8.GetByteCount(Service)}\r\n{Service}\r\n");
        await stream.WriteAsync(request, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("The sentinel closed the connection.");
        if (header is "*-1" or "$-1" or "_")
        {
            return null;
        }

        if (header != "*2")
        {
            throw new FormatException($"Unexpected sentinel reply '{header}'.");
        }

        var host = await BulkAsync(reader, cancellationToken);
        var port = int.Parse(await BulkAsync(reader, cancellationToken), CultureInfo.InvariantCulture);
        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
    }

    private static async Task<string> BulkAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var length = await reader.ReadLineAsync(cancellationToken);
        return length is { Length: > 1 } && length[0] == '$'
            ? await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("The sentinel closed the connection.")
            : throw new FormatException($"Unexpected sentinel reply '{length}'.");
    }
}
