using StackExchange.Redis;

namespace Alpha2.Queue;

/// <summary>
/// Wakes long-polls when the worker publishes a finished job id, so <c>?wait=N</c> never polls Redis in a loop.
/// One subscription per API process, shared by every waiting request.
/// </summary>
public sealed class JobCompletionSignal : IAsyncDisposable
{
    private readonly Dictionary<string, Entry> _waiters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly LazySubscription _finished;

    public JobCompletionSignal(IConnectionMultiplexer redis) =>
        _finished = new LazySubscription(redis, QueueKeys.JobFinishedChannel, Signal);

    /// <summary>
    /// Registers interest in <paramref name="jobId"/>. Call it before re-reading the job's status, so a completion
    /// that lands between the read and the wait is not missed; dispose the waiter when done.
    /// </summary>
    public async Task<Waiter> ListenAsync(string jobId, CancellationToken cancellationToken)
    {
        await _finished.EnsureAsync(cancellationToken);
        lock (_gate)
        {
            if (!_waiters.TryGetValue(jobId, out var entry))
            {
                _waiters[jobId] = entry = new Entry();
            }

            entry.Count++;
            return new Waiter(this, jobId, entry);
        }
    }

    private void Release(string jobId, Entry entry)
    {
        lock (_gate)
        {
            // A signalled entry is already gone; never touch a newer entry for the same job.
            if (--entry.Count == 0 && _waiters.TryGetValue(jobId, out var current) && current == entry)
            {
                _waiters.Remove(jobId);
            }
        }
    }

    private void Signal(string jobId)
    {
        lock (_gate)
        {
            if (_waiters.Remove(jobId, out var entry))
            {
                entry.Finished.TrySetResult();
            }
        }
    }

    public ValueTask DisposeAsync() => _finished.DisposeAsync();

    internal sealed class Entry
    {
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get; set; }
    }

    /// <summary>One request's interest in one job; dispose it when done waiting.</summary>
    public sealed class Waiter : IDisposable
    {
        private readonly JobCompletionSignal _owner;
        private readonly string _jobId;
        private readonly Entry _entry;

        internal Waiter(JobCompletionSignal owner, string jobId, Entry entry) => (_owner, _jobId, _entry) = (owner, jobId, entry);

        /// <summary>True when the job finished within <paramref name="timeout"/>.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                await _entry.Finished.Task.WaitAsync(timeout, cancellationToken);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        public void Dispose() => _owner.Release(_jobId, _entry);
    }
}
