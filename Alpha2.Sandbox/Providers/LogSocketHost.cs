using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// A Solana RPC websocket serving <c>logsSubscribe</c> from a <see cref="PumpFunStream"/> (docs/providers.md §1.e).
/// <see cref="Drop"/> closes every socket and refuses new ones for a while: what a node restart looks like to a client.
/// </summary>
internal sealed class LogSocketHost(PumpFunStream stream, TimeProvider clock) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<CancellationTokenSource> _sockets = [];
    private WebApplication? _app;
    private DateTimeOffset _downUntil;

    public Uri Url { get; private set; } = null!;

    /// <summary>Subscriptions served so far.</summary>
    public int Subscriptions { get; private set; }

    /// <summary>The most sockets ever subscribed at once.</summary>
    public int MostAtOnce { get; private set; }

    /// <summary>Raised on each confirmed subscription.</summary>
    public event Action? Subscribed;

    public async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Any, port));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/", ServeAsync);
        await _app.StartAsync(cancellationToken);
        var bound = new Uri(_app.Urls.First());
        Url = new Uri($"ws://127.0.0.1:{bound.Port}/");
    }

    /// <summary>Closes every socket now; connections are refused until <paramref name="downFor"/> has passed.</summary>
    public void Drop(TimeSpan downFor)
    {
        lock (_gate)
        {
            _downUntil = clock.GetUtcNow() + downFor;
            _sockets.ForEach(s => s.Cancel());
            _sockets.Clear();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        lock (_gate)
        {
            if (!context.WebSockets.IsWebSocketRequest || clock.GetUtcNow() < _downUntil)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var dropped = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        void Listen(string message) => outbox.Writer.TryWrite(message);
        try
        {
            var request = await ReadAsync(socket, dropped.Token);
            var id = request?["id"]?.DeepClone();
            if (request?["method"]?.GetValue<string>() != "logsSubscribe")
            {
                await SendAsync(socket, new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "Method not found" } }.ToJsonString(), dropped.Token);
                return;
            }

            lock (_gate)
            {
                _sockets.Add(dropped);
                Subscriptions++;
                MostAtOnce = Math.Max(MostAtOnce, _sockets.Count);
                stream.Notification += Listen;
            }

            await SendAsync(socket, new JsonObject { ["jsonrpc"] = "2.0", ["result"] = 0, ["id"] = id }.ToJsonString(), dropped.Token);
            Subscribed?.Invoke();
            await foreach (var message in outbox.Reader.ReadAllAsync(dropped.Token))
            {
                await SendAsync(socket, message, dropped.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Dropped, or the client went away: either way this socket is over.
        }
        finally
        {
            stream.Notification -= Listen;
            lock (_gate)
            {
                _sockets.Remove(dropped);
            }

            socket.Abort();
        }
    }

    private static async Task<JsonNode?> ReadAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var received = await socket.ReceiveAsync(buffer, cancellationToken);
        return received.MessageType == WebSocketMessageType.Text ? JsonNode.Parse(buffer.AsSpan(0, received.Count)) : null;
    }

    private static Task SendAsync(WebSocket socket, string message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Drop(TimeSpan.Zero);
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
