using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>
/// Writes a worker holds in memory (counters, say) until the next job outcome it writes: they go in the same pipeline,
/// ahead of the outcome, so whoever sees a job finished also sees what its handler counted, and a busy worker sends
/// them once per batch of outcomes instead of once per job (docs/queue-protocol.md, "Pending writes"). They are not
/// durable: their owner also sends them on a timer of its own and when it stops, and a crash loses what was pending.
/// </summary>
public interface IPendingWrites
{
    /// <summary>Queues every pending write on <paramref name="batch"/>, fire-and-forget, and forgets them.</summary>
    void MoveTo(IBatch batch);
}
