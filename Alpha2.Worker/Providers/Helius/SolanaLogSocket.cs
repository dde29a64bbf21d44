using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Queue.Consumer;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>One transaction's logs as <c>logsNotification</c> carries them; <paramref name="Failed"/> when <c>err</c> is set.</summary>
internal sealed record LogNotification(string Signature, long Slot, bool Failed, IReadOnlyList<string> Logs);

/// <summary>
/// A Solana RPC websocket with one <c>logsSubscribe</c> (docs/providers.md §1.e): connect, subscribe to the logs of
/// transactions that mention an address, then read notifications until the server closes.
/// </summary>
internal sealed class SolanaLogSocket(ClientWebSocket socket) : IAsyncDisposable
{
    // A notification is a few kB of logs; anything far beyond is not one and ends the connection.
    private const int MaxMessageBytes = 1 << 20;
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(15);

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

    /// <summary>Bytes received so far: Helius meters its websocket by the data streamed (docs/providers.md §1.0).</summary>
    public long ReceivedBytes { get; private set; }

    /// <summary>Connects and subscribes; returns once the node confirmed the subscription.</summary>
    public static async Task<SolanaLogSocket> SubscribeAsync(Uri url, string mentions, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        // Pings every 30 s (Helius drops sockets idle for 10 minutes) and gives up on a peer that stops answering them,
        // so a half-open connection ends in a reconnect and a gap fill rather than silence.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        var stream = new SolanaLogSocket(socket);
        using var answerWithin = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answerWithin.CancelAfter(SubscribeTimeout);
        cancellationToken = answerWithin.Token;
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
            var request = new JsonObject
            {
                ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "logsSubscribe",
                ["params"] = new JsonArray(new JsonObject { ["mentions"] = new JsonArray(mentions) }, new JsonObject { ["commitment"] = "confirmed" }),
            };
            await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
            using var answer = await stream.ReadAsync(cancellationToken)
                ?? throw new WebSocketException("The node closed the socket before confirming the subscription.");
            if (answer.RootElement.TryGetProperty("error", out var error))
            {
                throw new JobFailedException($"logsSubscribe refused: {error}", transient: true);
            }

            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next notification, or null once the server closed the socket.</summary>
    public async Task<LogNotification?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (await ReadAsync(cancellationToken) is { } message)
        {
            using (message)
            {
                var root = message.RootElement;
                if (root.TryGetProperty("method", out var method) && method.ValueEquals("logsNotification")
                    && root.TryGetProperty("params", out var p) && p.TryGetProperty("result", out var result)
                    && result.TryGetProperty("value", out var value) && value.TryGetProperty("signature", out var signature))
                {
                    var slot = result.TryGetProperty("context", out var context) && context.TryGetProperty("slot", out var s) && s.TryGetInt64(out var n) ? n : 0;
                    var failed = value.TryGetProperty("err", out var err) && err.ValueKind != JsonValueKind.Null;
                    var logs = value.TryGetProperty("logs", out var lines) && lines.ValueKind == JsonValueKind.Array
                        ? lines.EnumerateArray().Select(l => l.GetString() ?? "").ToArray()
                        : [];
                    return new LogNotification(signature.GetString() ?? "", slot, failed, logs);
                }
            }
        }

        return null;
    }

    private async Task<JsonDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        _buffer.Clear();
        while (true)
        {
            var received = await socket.ReceiveAsync(_buffer.GetMemory(16 * 1024), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _buffer.Advance(received.Count);
            ReceivedBytes += received.Count;
            if (_buffer.WrittenCount > MaxMessageBytes)
            {
                throw new WebSocketException("A websocket message exceeded 1 MiB.");
            }

            if (received.EndOfMessage)
            {
                return JsonDocument.Parse(_buffer.WrittenMemory);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The socket is going away either way.
            }
        }

        socket.Dispose();
    }
}
