using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Solana;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers.Helius;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// Every HELIUS_POLL_SECONDS, on one replica at a time (a lease that lapses when its holder dies): the pump.fun program's
/// newest transactions, paged back to the last signature seen, creates found on our side and queued for ingestion.
/// </summary>
internal sealed partial class MintPoller(
    HeliusTransactions transactions,
    MintCreateQueue queue,
    IConnectionMultiplexer redis,
    Lease leases,
    ProviderMetrics metrics,
    MintSourceStats sources,
    IConfiguration configuration,
    IOptions<HeliusMintsOptions> options,
    IOptions<WorkerOptions> worker,
    TimeProvider clock,
    ILogger<MintPoller> logger) : BackgroundService
{
    public const string LeaseName = "helius-mints-poller";

    private TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    /// <summary>One poll; returns the creates it queued, or null when another replica holds the lease.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        // Three periods: the holder renews it every tick, and a dead holder's lease lapses soon enough for another to take over.
        if (!await leases.TryAcquireAsync(LeaseName, worker.Value.WorkerId, Interval * 3))
        {
            return null;
        }

        var db = redis.GetDatabase();
        var cursor = (string?)await db.StringGetAsync(RedisKeys.MintPollCursor);
        var (creates, newest, reachedCursor, pages) = await ReadBackAsync(cursor, cancellationToken);
        if (cursor is not null && newest is not null && !reachedCursor)
        {
            LogGap(options.Value.PollMaxPages, cursor);
        }

        // Oldest first, so the feed and the "original" index see creates in chain order.
        foreach (var created in Enumerable.Reverse(creates))
        {
            await queue.EnqueueAsync(created, cancellationToken);
        }

        if (newest is not null)
        {
            await db.StringSetAsync(RedisKeys.MintPollCursor, newest);
        }

        metrics.RecordPollerRun(PollerNames.HeliusMints, creates.Count, Interval);
        sources.Record(MintSourceNames.Poller, pages * HeliusTransactions.EnhancedCredits, creates.Count);
        return creates.Count;
    }

    /// <summary>Pages newest first until the cursor's signature (the first poll reads one page), at most PollMaxPages.</summary>
    private async Task<(List<PumpFunCreate> Creates, string? Newest, bool ReachedCursor, int Pages)> ReadBackAsync(string? cursor, CancellationToken cancellationToken)
    {
        var creates = new List<PumpFunCreate>();
        string? before = null;
        string? newest = null;
        for (var page = 0; page < options.Value.PollMaxPages; page++)
        {
            var result = await transactions.PageAsync(PumpFunCreates.ProgramId, before, cancellationToken);
            if (result.ContinueBefore is { } next)
            {
                before = next;
                continue;
            }

            var signatures = result.Transactions.Select(t => t.TryGetProperty("signature", out var s) ? s.ToString() : "").ToArray();
            if (signatures.Length == 0)
            {
                return (creates, newest, true, page + 1);
            }

            newest ??= signatures[0];
            var seen = cursor is null ? -1 : Array.IndexOf(signatures, cursor);
            creates.AddRange(result.Transactions.Take(seen >= 0 ? seen : signatures.Length).SelectMany(t => PumpFunCreates.Find(t)));
            if (seen >= 0 || cursor is null)
            {
                return (creates, newest, true, page + 1);
            }

            before = signatures[^1];
        }

        return (creates, newest, false, options.Value.PollMaxPages);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds == 0 || string.IsNullOrWhiteSpace(configuration[HeliusRpc.KeyVariable]))
        {
            LogOff();
            return;
        }

        // The log stream sees every create as it lands; the poller is the fallback without a websocket.
        if (HeliusWebSocket.Url(configuration) is not null)
        {
            LogStreaming();
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.TickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or JobFailedException)
            {
                LogProblem(exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mint poller off (HELIUS_POLL_SECONDS=0 or HELIUS_API_KEY unset); webhooks still feed the mint list.")]
    private partial void LogOff();

    [LoggerMessage(Level = LogLevel.Information, Message = "Mint poller off: the log stream (HELIUS_WS_URL) feeds the mint list.")]
    private partial void LogStreaming();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mint poll: {Problem}")]
    private partial void LogProblem(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mint poll read {Pages} pages without reaching signature {Cursor}: creates in between were missed; a webhook covers them.")]
    private partial void LogGap(int pages, string cursor);
}
