namespace Alpha2.Queue.Consumer;

/// <summary>How many jobs this worker process runs right now, across its queues: the heartbeat reports it.</summary>
internal sealed class WorkerLoad
{
    private int _busy;

    public int Busy => Volatile.Read(ref _busy);

    public void Started() => Interlocked.Increment(ref _busy);

    public void Ended() => Interlocked.Decrement(ref _busy);
}
