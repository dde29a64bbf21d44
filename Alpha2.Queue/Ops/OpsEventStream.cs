using System.Threading.Channels;

namespace Alpha2.Queue.Ops;

/// <summary>
/// One client's connection to <see cref="OpsEventHub"/>: send <see cref="Backlog"/> first, then whatever
/// <see cref="Live"/> yields. Dispose it when the client leaves.
/// </summary>
public sealed class OpsEventStream : IDisposable
{
    private readonly OpsEventHub _hub;
    private readonly Channel<OpsEvent> _events;
    private int _disposed;

    internal OpsEventStream(OpsEventHub hub, Channel<OpsEvent> events, IReadOnlyList<OpsEvent> backlog)
    {
        _hub = hub;
        _events = events;
        Backlog = backlog;
    }

    /// <summary>The job events the client missed (those after its last event id, within the replay window), oldest first, then the latest queues snapshot when there is one.</summary>
    public IReadOnlyList<OpsEvent> Backlog { get; }

    /// <summary>Every event from the moment of connecting. Bounded: a client that falls <see cref="OpsEventHub.ClientBacklog"/> events behind loses the oldest.</summary>
    public ChannelReader<OpsEvent> Live => _events.Reader;

    internal ChannelWriter<OpsEvent> Writer => _events.Writer;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _hub.Disconnect(this);
        }
    }
}
