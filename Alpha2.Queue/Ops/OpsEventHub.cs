using System.Text.Json;
using System.Threading.Channels;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Ops;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Alpha2.Queue.Ops;

/// <summary>
/// The live ops events of one API process, fanned out to every client of <c>GET /api/ops/events</c>
/// (docs/operations.md, "Live events"). What it costs Redis does not depend on how many clients listen:
/// <list type="bullet">
/// <item>On the first client it subscribes to <see cref="QueueKeys.JobFinishedChannel"/> and
/// <see cref="QueueKeys.LatestChangedChannel"/>, once for the process, and stays subscribed.</item>
/// <item>Each finished job id costs one <c>HGET</c> of its status (ids that arrive together share one round trip);
/// the <c>job</c> event is kept <see cref="ReplayWindow"/> (at most <see cref="ReplayLimit"/> of them) so a client that
/// reconnects with its last event id gets those it missed. This goes on while no client is connected.</item>
/// <item>Each announcement of a new feed row costs one <c>GETRANGE</c> of the feed's first
/// <see cref="FeedPrefixBytes"/> bytes, for the newest row's mint and name; announcements already waiting while one is
/// read fold into one event. None while no client is connected.</item>
/// <item>While at least one client is connected, one <see cref="QueueOverview.SnapshotAsync"/> every
/// <see cref="QueuesInterval"/>, sent only when its JSON changed.</item>
/// </list>
/// Event ids increase within the process and start from the clock (unix ms × 1000), so a restarted API's ids continue
/// above its predecessor's and ids of replicas are comparable up to their clock skew. Nothing here waits on a client:
/// each has a bounded buffer that drops its oldest events when full.
/// </summary>
public sealed partial class OpsEventHub : IAsyncDisposable
{
    /// <summary>How far back a reconnecting client's missed job events are replayed.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(1);

    /// <summary>How often the queues snapshot is read while clients are connected.</summary>
    public static readonly TimeSpan QueuesInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often every client gets a keep-alive comment.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>The most job events kept for replay, however many finished within <see cref="ReplayWindow"/>.</summary>
    public const int ReplayLimit = 10_000;

    /// <summary>Events a client may fall behind before it loses the oldest.</summary>
    public const int ClientBacklog = 1_000;

    /// <summary>How much of the feed's JSON is read for its newest row (rows are far shorter).</summary>
    public const int FeedPrefixBytes = 4_096;

    private const int MaxBatch = 256;

    private readonly IConnectionMultiplexer _redis;
    private readonly QueueOverview _overview;
    private readonly TimeProvider _clock;
    private readonly ILogger<OpsEventHub> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<OpsEventStream> _clients = [];
    private readonly Queue<OpsEvent> _recent = new();
    private readonly SemaphoreSlim _subscribeOnce = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _clientsPresent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OpsEvent? _queues;
    private long _lastId;
    private volatile bool _subscribed;
    private bool _disposed;
    private ChannelMessageQueue? _finished;
    private ChannelMessageQueue? _announcements;
    private Task[] _loops = [];

    public OpsEventHub(IConnectionMultiplexer redis, QueueOverview overview, TimeProvider clock, ILogger<OpsEventHub> logger)
    {
        _redis = redis;
        _overview = overview;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Clients connected now.</summary>
    public int Clients
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>
    /// Connects a client. With <paramref name="lastEventId"/> its <see cref="OpsEventStream.Backlog"/> holds the job
    /// events after that id of the last <see cref="ReplayWindow"/>. Throws what Redis throws while the first
    /// subscription cannot be made.
    /// </summary>
    public async Task<OpsEventStream> ConnectAsync(long? lastEventId, CancellationToken cancellationToken)
    {
        await EnsureSubscribedAsync(cancellationToken);
        var events = Channel.CreateBounded<OpsEvent>(new BoundedChannelOptions(ClientBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            TrimLocked();
            var backlog = lastEventId is { } last ? _recent.Where(e => e.Id > last).ToList() : [];
            if (_queues is { } queues)
            {
                backlog.Add(queues);
            }

            var stream = new OpsEventStream(this, events, backlog);
            _clients.Add(stream);
            if (_clients.Count == 1)
            {
                _clientsPresent.TrySetResult();
            }

            return stream;
        }
    }

    internal void Disconnect(OpsEventStream stream)
    {
        lock (_gate)
        {
            if (_clients.Remove(stream) && _clients.Count == 0)
            {
                // The pump parks; a snapshot kept from now on would be stale by the next client.
                _clientsPresent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queues = null;
            }
        }

        stream.Writer.TryComplete();
    }

    private async Task EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribeOnce.WaitAsync(cancellationToken);
        try
        {
            if (_subscribed)
            {
                return;
            }

            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
            }

            var subscriber = _redis.GetSubscriber();
            var finished = await subscriber.SubscribeAsync(RedisChannel.Literal(QueueKeys.JobFinishedChannel));
            ChannelMessageQueue announcements;
            try
            {
                announcements = await subscriber.SubscribeAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel));
            }
            catch
            {
                await finished.UnsubscribeAsync();
                throw;
            }

            (_finished, _announcements) = (finished, announcements);
            var stop = _stop.Token;
            _loops =
            [
                Task.Run(() => ReadFinishedAsync(finished, stop), CancellationToken.None),
                Task.Run(() => ReadAnnouncementsAsync(announcements, stop), CancellationToken.None),
                Task.Run(() => PumpQueuesAsync(stop), CancellationToken.None),
            ];
            _subscribed = true;
        }
        finally
        {
            _subscribeOnce.Release();
        }
    }

    private async Task ReadFinishedAsync(ChannelMessageQueue messages, CancellationToken stop)
    {
        var ids = new List<string>(MaxBatch);
        while (await NextBatchAsync(messages, ids, stop))
        {
            try
            {
                await PublishJobsAsync(ids);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogJobsLost(ids.Count, exception.Message);
            }
        }
    }

    /// <summary>One HGET per id, all in one round trip; a job whose status is gone or not finished (retried meanwhile, or of another database) makes no event.</summary>
    private async Task PublishJobsAsync(List<string> ids)
    {
        var batch = _redis.GetDatabase().CreateBatch();
        var reads = new List<(string Id, string Queue, Task<RedisValue> Status)>(ids.Count);
        foreach (var id in ids)
        {
            if (QueueNames.OfJob(id) is { } queue)
            {
                reads.Add((id, queue, batch.HashGetAsync(QueueKeys.Status(queue), id)));
            }
        }

        if (reads.Count == 0)
        {
            return;
        }

        batch.Execute();
        await Task.WhenAll(reads.Select(read => read.Status));
        foreach (var (id, queue, read) in reads)
        {
            var status = (string?)await read;
            if (!JobStatus.IsFinished(status))
            {
                continue;
            }

            var data = JsonSerializer.SerializeToUtf8Bytes(new OpsJobEvent(id, queue, status!), Alpha2Json.Default.OpsJobEvent);
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                _lastId = Math.Max(_lastId + 1, now.ToUnixTimeMilliseconds() * 1000);
                var job = new OpsEvent(OpsEvent.JobType, _lastId, data, now);
                _recent.Enqueue(job);
                TrimLocked();
                BroadcastLocked(job);
            }
        }
    }

    private async Task ReadAnnouncementsAsync(ChannelMessageQueue messages, CancellationToken stop)
    {
        var queues = new List<string>(MaxBatch);
        while (await NextBatchAsync(messages, queues, stop))
        {
            if (!queues.Contains(QueueNames.HeliusMints) || Clients == 0)
            {
                continue;
            }

            try
            {
                await PublishMintAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogMintLost(exception.Message);
            }
        }
    }

    private async Task PublishMintAsync()
    {
        var prefix = await _redis.GetDatabase().StringGetRangeAsync(QueueKeys.Latest(QueueNames.HeliusMints), 0, FeedPrefixBytes - 1);
        var (mint, name) = NewestRow(prefix.IsNullOrEmpty ? [] : (byte[])prefix!);
        var data = JsonSerializer.SerializeToUtf8Bytes(new OpsMintEvent(QueueNames.HeliusMints, mint, name), Alpha2Json.Default.OpsMintEvent);
        lock (_gate)
        {
            BroadcastLocked(new OpsEvent(OpsEvent.MintType, null, data, _clock.GetUtcNow()));
        }
    }

    /// <summary>
    /// The mint and name of the first row of the feed's JSON (<c>[{"name":…,"mint":…,…},…]</c>, newest first), read
    /// from a prefix of it; nulls when the prefix holds no such row.
    /// </summary>
    internal static (string? Mint, string? Name) NewestRow(ReadOnlySpan<byte> feedPrefix)
    {
        string? mint = null;
        string? name = null;
        try
        {
            var reader = new Utf8JsonReader(feedPrefix, isFinalBlock: false, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while ((mint is null || name is null) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMint = reader.ValueTextEquals("mint"u8);
                var isName = reader.ValueTextEquals("name"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.String && isMint)
                {
                    mint = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && isName)
                {
                    name = reader.GetString();
                }
                else if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Not the feed's JSON: say only that the feed changed.
        }

        return (mint, name);
    }

    /// <summary>While clients are connected: the queues snapshot every <see cref="QueuesInterval"/>, sent when changed, and the keep-alive.</summary>
    private async Task PumpQueuesAsync(CancellationToken stop)
    {
        try
        {
            var keptAlive = _clock.GetTimestamp();
            while (true)
            {
                Task clientsPresent;
                lock (_gate)
                {
                    clientsPresent = _clientsPresent.Task;
                }

                if (!clientsPresent.IsCompleted)
                {
                    await clientsPresent.WaitAsync(stop);
                    keptAlive = _clock.GetTimestamp();
                }

                await PublishQueuesAsync();
                if (_clock.GetElapsedTime(keptAlive) >= KeepAliveInterval)
                {
                    keptAlive = _clock.GetTimestamp();
                    lock (_gate)
                    {
                        BroadcastLocked(OpsEvent.KeepAlive);
                    }
                }

                await Task.Delay(QueuesInterval, _clock, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task PublishQueuesAsync()
    {
        byte[] data;
        try
        {
            data = JsonSerializer.SerializeToUtf8Bytes((await _overview.SnapshotAsync()).ToArray(), Alpha2Json.Default.QueueSnapshotArray);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogQueuesSkipped(exception.Message);
            return;
        }

        lock (_gate)
        {
            if (_clients.Count == 0 || (_queues is { } last && last.Data.Span.SequenceEqual(data)))
            {
                return;
            }

            _queues = new OpsEvent(OpsEvent.QueuesType, null, data, _clock.GetUtcNow());
            BroadcastLocked(_queues);
        }
    }

    private static async Task<bool> NextBatchAsync(ChannelMessageQueue messages, List<string> batch, CancellationToken stop)
    {
        batch.Clear();
        try
        {
            batch.Add((await messages.ReadAsync(stop)).Message.ToString());
        }
        catch (Exception exception) when (exception is ChannelClosedException or OperationCanceledException)
        {
            return false;
        }

        while (batch.Count < MaxBatch && messages.TryRead(out var more))
        {
            batch.Add(more.Message.ToString());
        }

        return true;
    }

    private void BroadcastLocked(OpsEvent item)
    {
        foreach (var client in _clients)
        {
            // Drops the client's oldest event when its buffer is full: never waits.
            client.Writer.TryWrite(item);
        }
    }

    private void TrimLocked()
    {
        var since = _clock.GetUtcNow() - ReplayWindow;
        while (_recent.TryPeek(out var oldest) && (_recent.Count > ReplayLimit || oldest.At < since))
        {
            _recent.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _subscribeOnce.WaitAsync();
        try
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                foreach (var client in _clients)
                {
                    client.Writer.TryComplete();
                }

                _clients.Clear();
            }

            await _stop.CancelAsync();
            foreach (var subscription in new[] { _finished, _announcements })
            {
                try
                {
                    if (subscription is not null)
                    {
                        await subscription.UnsubscribeAsync();
                    }
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
                {
                    // The connection is gone already, and the subscription with it.
                }
            }

            await Task.WhenAll(_loops);
        }
        finally
        {
            _subscribeOnce.Release();
        }

        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} job events not sent: {Reason}")]
    private partial void LogJobsLost(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mint event not sent: {Reason}")]
    private partial void LogMintLost(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queues snapshot for the event stream not read: {Reason}")]
    private partial void LogQueuesSkipped(string reason);
}
