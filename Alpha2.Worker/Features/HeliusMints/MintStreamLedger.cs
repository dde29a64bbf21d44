using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Metrics;
using Alpha2.Solana;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers.Helius;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// The stream's bookkeeping: queues its creates (a signature this process already queued is skipped, the job share
/// covers other replicas), keeps the cursor (the newest create signature seen), and closes the gap after a reconnect
/// from the mint authority's signature history (docs/providers.md §1.e): it lists creates alone, so every getTransaction
/// it costs is a create's.
/// </summary>
internal sealed partial class MintStreamLedger(
    HeliusRpc rpc,
    MintCreateQueue queue,
    MintSourceStats stats,
    ProviderMetrics metrics,
    IConnectionMultiplexer redis,
    IOptions<HeliusMintsOptions> options,
    TimeProvider clock,
    ILogger<MintStreamLedger> logger)
{
    /// <summary>Signatures per page of the gap fill: getSignaturesForAddress's largest limit.</summary>
    internal const int PageSize = 1000;
    private const int FetchBatch = 20;
    private const int Remembered = 4096;
    private const int FetchAttempts = 3;
    private static readonly TimeSpan FetchRetry = TimeSpan.FromMilliseconds(400);

    // docs/providers.md §1.0: Helius bills a websocket 1 credit per connection and 2 per 0.1 MB streamed.
    private const double CreditsPerConnection = 1;
    private const double CreditsPerStreamedByte = 2 / 100_000d;

    private readonly RecentSignatures _queued = new(Remembered);
    private long _cursorSlot;
    private bool _holdCursor;

    /// <summary>A create seen on the stream: decoded from its events, else fetched (1 credit).</summary>
    public async Task OnCreateAsync(LogNotification seen, CancellationToken cancellationToken)
    {
        if (_queued.Contains(seen.Signature))
        {
            return;
        }

        var decoded = PumpFunLogs.FromEvents(seen.Signature, seen.Slot, seen.Logs);
        var creates = decoded is not null ? [decoded] : await FetchAsync(seen.Signature, cancellationToken);
        await QueueAsync(creates, 0, cancellationToken);
        // A create the node could not show yet holds the cursor where it is until the next gap fill, which lists it again.
        _holdCursor |= creates.Count == 0;
        if (!_holdCursor && seen.Slot >= _cursorSlot)
        {
            _cursorSlot = seen.Slot;
            await redis.GetDatabase().StringSetAsync(RedisKeys.MintStreamCursor, seen.Signature);
        }
    }

    /// <summary>The create by getTransaction; a node behind the one that notified may not have it yet, so a few tries.</summary>
    private async Task<IReadOnlyList<PumpFunCreate>> FetchAsync(string signature, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var transactions = await rpc.TransactionsAsync([signature], cancellationToken);
            stats.Record(MintSourceNames.WebSocket, 1, 0);
            if (transactions.Count > 0 || attempt == FetchAttempts)
            {
                return transactions.SelectMany(PumpFunCreates.Find).ToArray();
            }

            await Task.Delay(FetchRetry * attempt, clock, cancellationToken);
        }
    }

    /// <summary>
    /// After a (re)subscription: every successful create since the cursor, oldest first. With no cursor yet (the first
    /// start) the newest create becomes it; nothing earlier is fetched. Returns the creates queued.
    /// </summary>
    public async Task<int> CloseGapAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var cursor = (string?)await db.StringGetAsync(RedisKeys.MintStreamCursor);
        var missed = new List<SignatureInfo>();
        string? before = null;
        var pages = 0;
        var reachedCursor = false;
        for (var page = 0; page < options.Value.StreamGapPages; page++)
        {
            pages++;
            var signatures = await rpc.SignaturesAsync(PumpFunCreates.MintAuthority, cursor, before, cursor is null ? 1 : PageSize, cancellationToken);
            missed.AddRange(signatures);
            if (cursor is null || signatures.Count < PageSize)
            {
                reachedCursor = true;
                break;
            }

            before = signatures[^1].Signature;
        }

        stats.Record(MintSourceNames.WebSocket, pages, 0);
        if (!reachedCursor)
        {
            // The newest pages are still filled in and the cursor moves past the rest: the operator must hear of the loss.
            LogGapTooLong(pages, cursor!);
        }

        var (queued, unseen) = (0, 0);
        if (cursor is not null)
        {
            foreach (var chunk in Enumerable.Reverse(missed).Where(s => !s.Failed && !_queued.Contains(s.Signature)).Chunk(FetchBatch))
            {
                var transactions = await rpc.TransactionsAsync([.. chunk.Select(s => s.Signature)], cancellationToken);
                unseen += chunk.Length - transactions.Count;
                queued += await QueueAsync(transactions.SelectMany(PumpFunCreates.Find).ToArray(), chunk.Length, cancellationToken);
            }
        }

        // A listed create the node could not show yet keeps the cursor (and the stream's) where it was, for the next fill.
        _holdCursor = unseen > 0;
        if (missed.Count > 0 && !_holdCursor)
        {
            _cursorSlot = Math.Max(_cursorSlot, missed[0].Slot);
            await db.StringSetAsync(RedisKeys.MintStreamCursor, missed[0].Signature);
        }

        return queued;
    }

    /// <summary>Books what the socket cost: a connection, and the bytes streamed since the last booking.</summary>
    public void BookStream(bool connected, long streamedBytes)
    {
        var credits = (connected ? CreditsPerConnection : 0) + streamedBytes * CreditsPerStreamedByte;
        metrics.AddCredits(ProviderNames.Helius, credits);
        stats.Record(MintSourceNames.WebSocket, credits, 0);
    }

    private async Task<int> QueueAsync(IReadOnlyList<PumpFunCreate> creates, double credits, CancellationToken cancellationToken)
    {
        var fresh = creates.Where(c => !_queued.Contains(c.Signature)).ToArray();
        foreach (var create in fresh)
        {
            await queue.EnqueueAsync(create, cancellationToken);
            _queued.Add(create.Signature);
        }

        stats.Record(MintSourceNames.WebSocket, credits, fresh.Length);
        return fresh.Length;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mint stream gap fill read {Pages} pages without reaching signature {Cursor}: creates in between were missed; HELIUS_WS_GAP_PAGES sets how far back a gap is filled.")]
    private partial void LogGapTooLong(int pages, string cursor);
}
