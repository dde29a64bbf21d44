using StackExchange.Redis;

namespace Alpha2.Queue;

/// <summary>
/// A pub/sub channel this API process subscribes to once, on first need, and shares among all its requests.
/// StackExchange.Redis restores the subscription by itself after a reconnect.
/// </summary>
internal sealed class LazySubscription(IConnectionMultiplexer redis, string channel, Action<string> onMessage) : IAsyncDisposable
{
    private readonly SemaphoreSlim _subscribeOnce = new(1, 1);
    private volatile ChannelMessageQueue? _subscription;

    /// <summary>Subscribes unless already subscribed; throws what Redis throws while it is unreachable.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (_subscription is not null)
        {
            return;
        }

        await _subscribeOnce.WaitAsync(cancellationToken);
        try
        {
            if (_subscription is null)
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
                queue.OnMessage(message => onMessage(message.Message.ToString()));
                _subscription = queue;
            }
        }
        finally
        {
            _subscribeOnce.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is { } subscription)
        {
            await subscription.UnsubscribeAsync();
        }

        _subscribeOnce.Dispose();
    }
}
