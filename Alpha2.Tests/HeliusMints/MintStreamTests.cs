using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Sandbox.Providers;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.HeliusMints;

/// <summary>
/// The logsSubscribe source against the sandbox's stream (docs/providers.md §1.e): a minute of pump.fun traffic, two
/// disconnects in it, and every create in the feed exactly once, those sent while the socket was down included.
/// </summary>
public sealed class MintStreamTests
{
    // A minute of chain: 150 slots of 400 ms, replayed faster than real time.
    private const int Slots = 150;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(1);

    private HeliusStack _helius = null!;
    private LogSocketHost _socket = null!;
    private PumpFunStream _stream = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The worker dials the socket's port from its start; the socket opens once the stack's world exists.
        var port = RedisServer.FreePort();
        _helius = await HeliusStack.StartAsync(settings =>
        {
            settings["HELIUS_WS_URL"] = $"ws://127.0.0.1:{port}/";
            settings["HELIUS_MINTS_MAX_ROWS"] = "1000";
        });
        await _helius.ResetAsync();
        _stream = new PumpFunStream(_helius.World, _helius.Stack.Providers.Metadata("STREAM", "https://x.com/stream"), seed: 7);
        _socket = new LogSocketHost(_stream, TimeProvider.System);
        await _socket.StartAsync(port, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _helius.DisposeAsync();
        await _socket.DisposeAsync();
    }

    [Test]
    public async Task AMinuteOfLogs_WithTheSocketDroppedTwice_PutsEveryCreateInTheFeedExactlyOnce()
    {
        await Eventually.TrueAsync(() => Task.FromResult(_socket.Subscriptions >= 1), TimeSpan.FromSeconds(30), "the worker subscribed");
        for (var slot = 0; slot < Slots; slot++)
        {
            _stream.ProduceSlot(DateTimeOffset.UtcNow);
            if (slot is 40 or 100)
            {
                var before = _socket.Subscriptions;
                _socket.Drop(DownFor);
                // Slots keep landing while the socket is down; the next ones go out once the worker is back.
                for (var down = 0; down < DownFor / Pace; down++, slot++)
                {
                    await Task.Delay(Pace);
                    _stream.ProduceSlot(DateTimeOffset.UtcNow);
                }

                await Eventually.TrueAsync(() => Task.FromResult(_socket.Subscriptions > before), TimeSpan.FromSeconds(30), "the worker resubscribed");
            }

            await Task.Delay(Pace);
        }

        var (creates, unsent) = _stream.Creates();
        var expected = creates.Select(c => c.Mint).Order(StringComparer.Ordinal).ToArray();
        await Eventually.TrueAsync(async () => (await _helius.FeedAsync()).Length >= expected.Length, TimeSpan.FromSeconds(60), $"the feed held all {expected.Length} creates");

        var metrics = await Eventually.ResultAsync(async () =>
        {
            var answer = await _helius.Stack.Client.GetFromJsonAsync<JsonElement>("/api/metrics/latency-usage");
            Assert.That(answer.GetProperty("mints_credits_per_mint").ValueKind, Is.EqualTo(JsonValueKind.Number));
            return answer;
        }, TimeSpan.FromSeconds(10));
        var feed = (await _helius.FeedAsync()).Select(r => r.GetProperty("mint").GetString()!).ToArray();
        var jobs = await _helius.Stack.Redis.HashLengthAsync(QueueKeys.Status(QueueNames.HeliusMints));
        var row = JsonSerializer.Deserialize<JsonElement>((await _helius.Stack.Redis.HashGetAsync(RedisKeys.MintRows, unsent[0].Mint)).ToString());
        Assert.Multiple(() =>
        {
            Assert.That(unsent, Is.Not.Empty, "some creates were sent while the socket was down");
            Assert.That(creates.Count(c => !c.Events), Is.GreaterThan(0), "some creates had no event lines and needed getTransaction");
            Assert.That(feed.Order(StringComparer.Ordinal), Is.EqualTo(expected), "every create once, and nothing else");
            Assert.That(jobs, Is.EqualTo(expected.Length), "one ingestion job per create signature");
            Assert.That(row.GetProperty("name").GetString(), Is.EqualTo("$" + unsent[0].Symbol), "a gap-filled row is a full row");
            Assert.That(metrics.GetProperty("mints_source").GetString(), Is.EqualTo("websocket"));
            Assert.That(metrics.GetProperty("mints_credits_per_mint").GetDecimal(), Is.GreaterThan(0), "streamed bytes and fetches are booked");
            Assert.That(row.GetProperty("sol").GetDecimal(), Is.EqualTo(Math.Round(Alpha2.Solana.PumpCurve.InitialBuySol(unsent[0].DevTokens), 2)));
        });
    }
}
