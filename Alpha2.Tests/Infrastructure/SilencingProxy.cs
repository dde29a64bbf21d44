using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// A TCP proxy in front of Redis that can make chosen connections go silent: the sockets stay open, but nothing
/// passes any more, as on a half-dead network path where no reset ever arrives. New connections pass as usual.
/// </summary>
public sealed class SilencingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly List<Link> _links = [];
    private readonly CancellationTokenSource _stop = new();

    public SilencingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Silences every open connection whose latest command contains each of <paramref name="words"/>; returns how many.</summary>
    public int Silence(params string[] words)
    {
        lock (_links)
        {
            var chosen = _links.Where(link => words.All(word => link.LastCommand.Contains(word, StringComparison.Ordinal))).ToList();
            chosen.ForEach(link => link.Silenced = true);
            return chosen.Count;
        }
    }

    /// <summary>Silenced connections that their client has since closed: it gave up on them.</summary>
    public int Abandoned
    {
        get
        {
            lock (_links)
            {
                return _links.Count(link => link.Silenced && link.ClosedByClient);
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            var link = new Link(client, server);
            lock (_links)
            {
                _links.Add(link);
            }

            _ = PumpAsync(link, client.GetStream(), server.GetStream(), fromClient: true);
            _ = PumpAsync(link, server.GetStream(), client.GetStream(), fromClient: false);
        }
    }

    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to, bool fromClient)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await from.ReadAsync(buffer, _stop.Token) is var read and > 0)
            {
                if (link.Silenced)
                {
                    continue;
                }

                if (fromClient)
                {
                    link.LastCommand = Encoding.ASCII.GetString(buffer, 0, read);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A side closed: the other side's pump ends with it.
        }

        if (fromClient)
        {
            link.ClosedByClient = true;
        }

        if (!link.Silenced)
        {
            link.Close();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_links)
        {
            _links.ForEach(link => link.Close());
        }

        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public volatile bool Silenced;

        public volatile bool ClosedByClient;

        public string LastCommand { get; set; } = "";

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
