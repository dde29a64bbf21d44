using System.Net.WebSockets;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Solana;
using Alpha2.Worker.Providers.Helius;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// Every pump.fun launch as it lands (docs/domain.md §3.2): a logsSubscribe on the program over HELIUS_WS_URL, held by
/// one replica at a time (a lease, like the poller's), reconnecting with backoff; after each (re)subscription the
/// ledger closes the gap since the last create seen, so creates sent while the socket was down still reach the feed.
/// </summary>
internal sealed partial class MintStream(
    MintStreamLedger ledger,
    Lease leases,
    IConfiguration configuration,
    IOptions<WorkerOptions> worker,
    TimeProvider clock,
    ILogger<MintStream> logger) : BackgroundService
{
    public const string LeaseName = "helius-mints-stream";

    // The holder renews every third of it; a dead holder's stream moves to another replica within it.
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>Connections that reached a confirmed subscription; one that did resets the backoff.</summary>
    public int Subscriptions { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (HeliusWebSocket.Url(configuration) is not { } url)
        {
            LogOff();
            return;
        }

        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            var subscribed = Subscriptions;
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, worker.Value.WorkerId, LeaseTime))
                {
                    await StreamAsync(url, stoppingToken);
                }
                else
                {
                    retry = LeaseTime / 3;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && exception is WebSocketException or RedisException
                or TimeoutException or JobFailedException or System.Text.Json.JsonException or OperationCanceledException)
            {
                LogProblem(exception.Message, retry.TotalMilliseconds);
            }
            finally
            {
                // A connection that subscribed was healthy: the next one starts from the shortest wait again.
                retry = Subscriptions > subscribed ? FirstRetry : retry;
            }

            // Jitter, so replicas and reconnects after a node restart do not arrive together.
            await Task.Delay(retry * (0.75 + Random.Shared.NextDouble() / 2), clock, stoppingToken);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    /// <summary>Stops streaming and hands the lease on at once: a rolling restart leaves no gap of a lease's lifetime.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.ReleaseAsync(LeaseName, worker.Value.WorkerId);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Then it lapses on its own.
        }
    }

    /// <summary>One connection, until the server closes it or the lease is lost.</summary>
    private async Task StreamAsync(Uri url, CancellationToken stoppingToken)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(connection);
        try
        {
            await using var socket = await SolanaLogSocket.SubscribeAsync(url, PumpFunCreates.ProgramId, connection.Token);
            Subscriptions++;
            ledger.BookStream(connected: true, 0);
            var booked = 0L;
            try
            {
                var filled = await ledger.CloseGapAsync(connection.Token);
                LogSubscribed(filled);
                while (await socket.ReceiveAsync(connection.Token) is { } seen)
                {
                    if (!seen.Failed && PumpFunLogs.IsCreate(seen.Logs))
                    {
                        // Booked at each create, so the figures stay current without a write per notification.
                        ledger.BookStream(connected: false, socket.ReceivedBytes - booked);
                        booked = socket.ReceivedBytes;
                        await ledger.OnCreateAsync(seen, connection.Token);
                    }
                }

                LogClosed();
            }
            finally
            {
                ledger.BookStream(connected: false, socket.ReceivedBytes - booked);
            }
        }
        finally
        {
            await connection.CancelAsync();
            await renewal;
        }
    }

    /// <summary>Keeps the lease while connected; losing it (another replica took over) ends the connection.</summary>
    private async Task RenewAsync(CancellationTokenSource connection)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseTime / 3, clock, connection.Token);
                if (!await leases.TryAcquireAsync(LeaseName, worker.Value.WorkerId, LeaseTime))
                {
                    await connection.CancelAsync();
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or RedisException or TimeoutException)
        {
            // Ended with the connection; a Redis failure ends the connection too, through the lease lapsing.
        }
    }
}
