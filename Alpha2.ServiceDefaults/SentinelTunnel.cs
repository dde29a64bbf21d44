using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// Follows a Sentinel-managed primary (docs/scaling.md): every time a connection to Redis is opened (at start, and each
/// time one is lost), the sentinels are asked where the primary of <see cref="Service"/> is now, and the socket goes
/// there. A failover always drops the connections it affects: the old primary dies, or Sentinel kills its clients when
/// it turns it into a replica and the promoted one's when it promotes it. So every connection — the shared one and each
/// fetch loop's blocking one — lands on the new primary at its next connect, with no restart and nothing to track.
/// Once the socket is connected the sentinels are asked again, and a socket that reached a server they no longer name is
/// refused: an old primary restarted in the moment of a failover answers as a primary, and whatever a client wrote to
/// it would be wiped when the sentinels make it a replica.
/// StackExchange.Redis's own Sentinel mode is not used: under a failover with many connections it was seen to keep
/// routing writes to no primary for tens of seconds.
/// </summary>
public sealed partial class SentinelTunnel(
    IReadOnlyList<EndPoint> sentinels, string service, SentinelCredentials? credentials = null, SentinelTls? tls = null) : Tunnel
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);

    // StackExchange.Redis retries a failed connect every few seconds and keeps the tunnel's reason to itself: the reason
    // is logged here, again when it changes, otherwise at most this often.
    private static readonly TimeSpan RepeatFailureLogEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _logGate = new();
    private EndPoint? _lastKnown;
    private EndPoint? _lastLoggedPrimary;
    private (string Reason, long At)? _lastLoggedFailure;

    // Over TLS: the host name the sentinels gave for each address the tunnel resolved it to, which the primary's
    // certificate is checked against.
    private readonly ConcurrentDictionary<IPEndPoint, string> _hostNames = new();

    public IReadOnlyList<EndPoint> Sentinels { get; } = sentinels;

    public string Service { get; } = service;

    /// <summary>What the sentinels themselves ask of a client, if anything: sent in an <c>AUTH</c> before each question.</summary>
    public SentinelCredentials? Credentials { get; } = credentials;

    /// <summary>TLS to the sentinels and to the primary (<c>rediss+sentinel://</c>), or null for none.</summary>
    public SentinelTls? Tls { get; } = tls;

    /// <summary>Where the primary's address at each change and the failures to find it are logged, once the host has logging.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The name the multiplexer knows the primary by; the tunnel decides where it really is.</summary>
    public EndPoint LogicalEndPoint => new DnsEndPoint($"{Service}.sentinel-primary", 6379);

    public override async ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        if (await PrimaryAsync(failures, cancellationToken) is { } primary)
        {
            Report(primary);
            if (Tls is not null && primary is DnsEndPoint named)
            {
                await RememberNameAsync(named, cancellationToken);
            }

            return primary;
        }

        var reason = $"No sentinel named the primary of service '{Service}': {string.Join("; ", failures)}";
        Report(reason);
        return _lastKnown ?? throw new IOException(reason);
    }

    /// <summary>
    /// Refuses a socket that reached a server the sentinels no longer name the primary; over TLS, then, the handshake
    /// with the primary, checked against the name the sentinels gave for it.
    /// </summary>
    public override async ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken)
    {
        if (socket?.RemoteEndPoint is not IPEndPoint remote)
        {
            return await base.BeforeAuthenticateAsync(endpoint, connectionType, socket, cancellationToken);
        }

        remote = new IPEndPoint(Unmapped(remote.Address), remote.Port);
        await ConfirmPrimaryAsync(remote, cancellationToken);
        if (Tls is null)
        {
            return await base.BeforeAuthenticateAsync(endpoint, connectionType, socket, cancellationToken);
        }

        var host = _hostNames.GetValueOrDefault(remote) ?? remote.Address.ToString();
        try
        {
            return await Tls.AuthenticateAsync(new NetworkStream(socket, ownsSocket: false), host, cancellationToken);
        }
        catch (System.Security.Authentication.AuthenticationException exception)
        {
            // StackExchange.Redis would keep this to itself too.
            Report($"TLS to the primary of service '{Service}' at {host} failed: {exception.Message}");
            throw;
        }
    }

    /// <summary>
    /// Throws when the sentinels now name a primary other than <paramref name="reached"/>: the answer the socket followed
    /// was given before a failover finished. StackExchange.Redis then drops the socket and connects again, through the
    /// tunnel, to the primary named now. When no sentinel answers, the socket is kept: the primary may well be alive.
    /// </summary>
    private async Task ConfirmPrimaryAsync(IPEndPoint reached, CancellationToken cancellationToken)
    {
        var primary = await PrimaryAsync([], cancellationToken);
        if (primary is null || await IsAtAsync(primary, reached, cancellationToken))
        {
            return;
        }

        var reason = $"A connection reached {reached}, but the sentinels now name {primary} the primary of service '{Service}'; connecting again";
        Report(reason);
        throw new IOException(reason);
    }

    private static async Task<bool> IsAtAsync(EndPoint primary, IPEndPoint reached, CancellationToken cancellationToken) => primary switch
    {
        IPEndPoint address => address.Equals(reached),
        DnsEndPoint named => named.Port == reached.Port
                             && (await Dns.GetHostAddressesAsync(named.Host, cancellationToken)).Any(a => Unmapped(a).Equals(reached.Address)),
        _ => true,
    };

    /// <summary>
    /// The primary's address as the first sentinel that knows it says, or null when none does; each sentinel that gave
    /// no address adds why to <paramref name="failures"/>.
    /// </summary>
    private async Task<EndPoint?> PrimaryAsync(List<string> failures, CancellationToken cancellationToken)
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

                failures.Add($"{sentinel} does not monitor it");
            }
            catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or FormatException
                                                  or System.Security.Authentication.AuthenticationException
                                              && !cancellationToken.IsCancellationRequested)
            {
                // The next sentinel may answer; a failover needs only a majority of them alive.
                failures.Add($"{sentinel} {(exception is OperationCanceledException ? "did not answer in time" : exception.Message)}");
            }
        }

        return null;
    }

    /// <summary>
    /// <c>SENTINEL GET-MASTER-ADDR-BY-NAME</c> over RESP, after an <c>AUTH</c> when the sentinels ask for one: an array of
    /// host and port, or null when the service is unknown.
    /// </summary>
    private async Task<EndPoint?> AskAsync(EndPoint sentinel, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(sentinel, cancellationToken);
        await using Stream stream = Tls is null
            ? new NetworkStream(socket, ownsSocket: false)
            : await Tls.AuthenticateAsync(new NetworkStream(socket, ownsSocket: false), HostOf(sentinel), cancellationToken);
        var request = Credentials is { } credentials
            ? Command(credentials.User is { } user ? ["AUTH", user, credentials.Password] : ["AUTH", credentials.Password])
            : "";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request + Command(["SENTINEL", "GET-MASTER-ADDR-BY-NAME", Service])), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        if (Credentials is not null && await ReadLineAsync(reader, cancellationToken) is not "+OK" and var refused)
        {
            throw new IOException($"refused {SentinelCredentials.PasswordVariable}: {refused.TrimStart('-')}");
        }

        var header = await ReadLineAsync(reader, cancellationToken);
        if (header is "*-1" or "$-1" or "_")
        {
            return null;
        }

        if (header.StartsWith('-'))
        {
            // NOAUTH: the sentinels have a requirepass of their own, apart from the primary's password in the URL.
            throw new IOException(header.StartsWith("-NOAUTH", StringComparison.Ordinal)
                ? $"asks for a password: {header[1..]} (set {SentinelCredentials.PasswordVariable})"
                : $"answered {header[1..]}");
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
            ? await ReadLineAsync(reader, cancellationToken)
            : throw new FormatException($"Unexpected sentinel reply '{length}'.");
    }

    /// <summary>Remembers the name of a named primary for each of its addresses, since the socket knows only the one it reached.</summary>
    private async Task RememberNameAsync(DnsEndPoint named, CancellationToken cancellationToken)
    {
        foreach (var address in await Dns.GetHostAddressesAsync(named.Host, cancellationToken))
        {
            _hostNames[new IPEndPoint(Unmapped(address), named.Port)] = named.Host;
        }
    }

    /// <summary>An IPv4 address as such, where a dual-stack socket reports it mapped into IPv6.</summary>
    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string HostOf(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        _ => endpoint.ToString() ?? "",
    };

    private static async Task<string> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken) =>
        await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("closed the connection");

    /// <summary>A command as a RESP array of bulk strings.</summary>
    private static string Command(string[] parts) =>
        $"*{parts.Length}\r\n" + string.Concat(parts.Select(part => $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n"));

    private void Report(EndPoint primary)
    {
        lock (_logGate)
        {
            if (Logger is null || primary.Equals(_lastLoggedPrimary))
            {
                return;
            }

            (_lastLoggedPrimary, _lastLoggedFailure) = (primary, null);
        }

        LogPrimary(Logger, Service, primary);
    }

    private void Report(string reason)
    {
        lock (_logGate)
        {
            var now = Environment.TickCount64;
            if (Logger is null || (_lastLoggedFailure is var (last, at) && last == reason && now - at < RepeatFailureLogEvery.TotalMilliseconds))
            {
                return;
            }

            (_lastLoggedFailure, _lastLoggedPrimary) = ((reason, now), null);
        }

        LogNoPrimary(Logger, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The sentinels name {Primary} the primary of service '{Service}'")]
    private static partial void LogPrimary(ILogger logger, string service, EndPoint primary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason}")]
    private static partial void LogNoPrimary(ILogger logger, string reason);
}
