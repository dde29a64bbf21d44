using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// The sandbox's pump.fun log stream on SANDBOX_WS_PORT: slots start with the first subscription and run in real time
/// from then on; the socket drops every SANDBOX_WS_DROP_EVERY_SECONDS for SANDBOX_WS_DOWN_SECONDS, and
/// <c>PUT /sandbox/ws/drop</c> drops it at once. <c>GET /sandbox/pump-stream</c> lists every create streamed, with the
/// time its slot was produced, for the tests and the bench.
/// </summary>
internal sealed class StreamSocket : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LogSocketHost _host;
    private readonly PumpFunStream _stream;
    private Task _slots = Task.CompletedTask;

    private StreamSocket(PumpFunStream stream, LogSocketHost host) => (_stream, _host) = (stream, host);

    /// <summary>False when the port was taken: the sandbox runs without a log stream.</summary>
    public bool Listening { get; private set; }

    public static async Task<StreamSocket> StartAsync(WireMockServer server, Answers answers, SolanaWorld world, SandboxOptions options)
    {
        var stream = new PumpFunStream(world, $"{options.PublicUrl}/meta/STREAM.json", seed: Environment.ProcessId);
        var host = new LogSocketHost(stream, TimeProvider.System);
        var socket = new StreamSocket(stream, host);
        try
        {
            await host.StartAsync(options.WsPort, CancellationToken.None);
            host.Subscribed += socket.StartSlots(options);
            socket.Listening = true;
        }
        catch (IOException exception)
        {
            // A taken port costs the stream only: every HTTP provider still answers (several sandboxes may share a host).
            await Console.Error.WriteLineAsync($"Alpha2 sandbox: no log stream, port {options.WsPort} is taken ({exception.Message}).");
        }

        server.Given(Request.Create().WithPath("/sandbox/ws/drop").UsingPut())
            .RespondWith(answers.Json(_ => Drop(host, options.WsDownFor)));
        server.Given(Request.Create().WithPath("/sandbox/pump-stream").UsingGet()).RespondWith(answers.Json(_ => socket.Listing()));
        server.Given(Request.Create().WithPath("/meta/STREAM.json").UsingGet()).RespondWith(answers.Json(
            """{"name":"stream coin","symbol":"STREAM","description":"a streamed launch","image":"https://ipfs.io/ipfs/QmImage","twitter":"https://x.com/stream"}"""));
        return socket;
    }

    private static string Drop(LogSocketHost host, TimeSpan downFor)
    {
        host.Drop(downFor);
        return new JsonObject { ["dropped"] = true, ["down_ms"] = downFor.TotalMilliseconds }.ToJsonString();
    }

    private Action StartSlots(SandboxOptions options) => () =>
    {
        lock (_stop)
        {
            if (_slots.IsCompleted && !_stop.IsCancellationRequested)
            {
                _slots = Task.WhenAll(
                    _stream.RunAsync(int.MaxValue, TimeSpan.FromMilliseconds(400), TimeProvider.System, _stop.Token),
                    DropsAsync(options));
            }
        }
    };

    private async Task DropsAsync(SandboxOptions options)
    {
        while (options.WsDropEvery > TimeSpan.Zero && !_stop.IsCancellationRequested)
        {
            await Task.Delay(options.WsDropEvery, _stop.Token);
            _host.Drop(options.WsDownFor);
        }
    }

    private string Listing()
    {
        var (all, unsent) = _stream.Creates();
        return new JsonObject
        {
            ["unsent"] = unsent.Count,
            ["creates"] = new JsonArray([.. all.Select(c => (JsonNode?)new JsonObject
            {
                ["signature"] = c.Signature, ["mint"] = c.Mint, ["slot"] = c.Slot,
                ["slot_time_ms"] = _stream.SlotTimes.TryGetValue(c.Signature, out var at) ? at.ToUnixTimeMilliseconds() : 0,
            })]),
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _host.DisposeAsync();
        try
        {
            await _slots;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
