using StackExchange.Redis;

namespace Alpha2.Queue;

/// <summary>
/// Each queue's latest result, kept in memory for at most <see cref="MaxAge"/> so the UI's polling of a feature's latest
/// result costs no Redis round trip. A copy is dropped at once when a worker announces a new
/// result (<see cref="QueueKeys.LatestChangedChannel"/>), when this API sees one of the queue's jobs finish after the
/// copy was read, and when the connection comes back (announcements may have been missed). Until the subscription
/// is in place nothing is kept: every read goes to Redis.
/// </summary>
public sealed class LatestResults : IAsyncDisposable
{
    /// <summary>The longest a copy is served, should an announcement be lost.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    // Clocks of the API and worker hosts may differ by this much when a finished job is compared with a copy's age.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Copy> _copies = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _clock;
    private readonly LazySubscription _announcements;
    private long _generation;

    public LatestResults(IConnectionMultiplexer redis, TimeProvider clock)
    {
        _redis = redis;
        _clock = clock;
        _announcements = new LazySubscription(redis, QueueKeys.LatestChangedChannel, Drop);
        // Announcements made while the connection was down are lost: start afresh when it is back.
        redis.ConnectionRestored += OnConnectionRestored;
    }

    public async Task<byte[]?> GetAsync(string queue)
    {
        lock (_gate)
        {
            if (_copies.TryGetValue(queue, out var copy) && _clock.GetElapsedTime(copy.ReadAt) < MaxAge)
            {
                return copy.Value;
            }
        }

        var subscribed = await TrySubscribeAsync();
        var generation = Volatile.Read(ref _generation);
        var value = await _redis.GetDatabase().StringGetAsync(QueueKeys.Latest(queue));
        var bytes = value.IsNull ? null : (byte[]?)value;
        lock (_gate)
        {
            // A drop that came while we read may concern what we read: keep nothing then.
            if (subscribed && generation == _generation)
            {
                _copies[queue] = new Copy(bytes, _clock.GetTimestamp(), _clock.GetUtcNow());
            }
        }

        return bytes;
    }

    /// <summary>A job of <paramref name="queue"/> finished at <paramref name="finishedAt"/>: a copy read before then may be stale.</summary>
    public void JobFinished(string queue, DateTimeOffset finishedAt)
    {
        lock (_gate)
        {
            if (_copies.TryGetValue(queue, out var copy) && copy.ReadAtUtc <= finishedAt + ClockSkew)
            {
                DropLocked(queue);
            }
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Drop(null);

    private void Drop(string? queue)
    {
        lock (_gate)
        {
            DropLocked(queue);
        }
    }

    private void DropLocked(string? queue)
    {
        _generation++;
        if (queue is null)
        {
            _copies.Clear();
        }
        else
        {
            _copies.Remove(queue);
        }
    }

    /// <summary>False while Redis will not take the subscription: nothing may be kept then.</summary>
    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            await _announcements.EnsureAsync();
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        return _announcements.DisposeAsync();
    }

    private sealed record Copy(byte[]? Value, long ReadAt, DateTimeOffset ReadAtUtc);
}
