using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>
/// Drains one queue: a single BLMOVE loop on a dedicated connection claims a job only when one of
/// <see cref="WorkerOptions.Concurrency"/> slots is free, and runs it beside the others.
/// </summary>
internal sealed partial class QueueConsumer(
    IJobHandler handler,
    JobStore store,
    BlockingConnectionOptions blockingOptions,
    IOptions<WorkerOptions> options,
    QueueTelemetry telemetry,
    WorkerLoad load,
    ILogger<QueueConsumer> logger)
{
    private static readonly TimeSpan PausePoll = TimeSpan.FromMilliseconds(250);

    private readonly WorkerOptions _options = options.Value;
    private readonly GroupCommit<(Claim Claim, JobResult Result, int Next), (bool Won, FetchedJob[] Next)> _completions = store.GroupCompletions();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private volatile bool _sweepNeeded;
    private int _claimsInFlight;

    public string Queue => handler.Queue;

    /// <summary>
    /// Claims and runs jobs until <paramref name="stopping"/> fires, then waits for the running ones. Those still
    /// running when <paramref name="abort"/> fires are cancelled and given back to the queue.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        using var slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        await using (var blocking = new BlockingConnection(blockingOptions.Options, $"alpha2-worker-{_options.WorkerId}-{Queue}", _options.BlockSeconds))
        {
            while (!stopping.IsCancellationRequested)
            {
                var taken = 0;
                try
                {
                    await slots.WaitAsync(stopping);
                    taken = 1;
                    while (slots.Wait(0))
                    {
                        taken++;
                    }

                    if (_sweepNeeded)
                    {
                        await SweepStraysAsync();
                    }

                    if (await store.WaitAndClaimAsync(blocking, Queue, taken, stopping) is not { } fetched)
                    {
                        await WhilePausedAsync(stopping);
                        continue;
                    }

                    foreach (var job in fetched)
                    {
                        taken--;
                        _held[job.Raw] = 0;
                        Track(RunSlotAsync(job, stopping, abort).ContinueWith(_ => slots.Release(), TaskScheduler.Default));
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    _sweepNeeded = true;
                    LogFetchFailed(Queue, exception.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
                finally
                {
                    if (taken > 0)
                    {
                        slots.Release(taken);
                    }
                }
            }
        }

        await Task.WhenAll(_running.Keys);
    }

    /// <summary>
    /// Waits until the queue is resumed, looking often enough that claiming starts again within a second. The claim
    /// scripts themselves refuse to claim while paused, so a pause takes hold at once, in every replica.
    /// </summary>
    private async Task WhilePausedAsync(CancellationToken stopping)
    {
        LogPaused(Queue);
        while (!stopping.IsCancellationRequested && await store.IsPausedAsync(Queue))
        {
            await Task.Delay(PausePoll, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (!stopping.IsCancellationRequested)
        {
            LogResumed(Queue);
        }
    }

    /// <summary>One slot's work: the job fetched for it, then each job that the completion of the one before claimed.</summary>
    private async Task RunSlotAsync(FetchedJob first, CancellationToken stopping, CancellationToken abort)
    {
        for (FetchedJob? job = first; job is not null;)
        {
            job = await ProcessAsync(job, stopping, abort);
        }
    }

    private void Track(Task task)
    {
        _running[task] = 0;
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>
    /// After a failed fetch or a failed transition, our landing and processing lists may hold jobs no task runs (the
    /// server moved one whose reply never arrived): give those back to the queue. Runs between BLMOVEs only.
    /// </summary>
    private async Task SweepStraysAsync()
    {
        // A completion may be claiming a next job right now; its reply adds that job to _held. Wait for it.
        while (Volatile.Read(ref _claimsInFlight) > 0)
        {
            await Task.Delay(5);
        }

        var returned = await store.ReturnLandedAsync(Queue);
        foreach (var raw in await store.HeldAsync(Queue))
        {
            if (!_held.ContainsKey(raw!) && await store.ReturnAsync(Queue, raw!))
            {
                returned++;
            }
        }

        _sweepNeeded = false;
        if (returned > 0)
        {
            LogStraysReturned(Queue, returned);
        }
    }

    /// <summary>Runs one fetched job to its outcome; returns the next job its completion claimed, if any.</summary>
    private async Task<FetchedJob?> ProcessAsync(FetchedJob job, CancellationToken stopping, CancellationToken abort)
    {
        load.Started();
        try
        {
            return await ProcessClaimedAsync(job, stopping, abort);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The job stays in our processing list; the next sweep (or the reaper, if we die) returns it.
            _sweepNeeded = true;
            LogTransitionFailed(Queue, exception.Message);
            return null;
        }
        finally
        {
            _held.TryRemove(job.Raw, out _);
            load.Ended();
        }
    }

    private async Task<FetchedJob?> ProcessClaimedAsync(FetchedJob job, CancellationToken stopping, CancellationToken abort)
    {
        var raw = job.Raw;
        JobEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(raw, Alpha2Json.Default.JobEnvelope);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope?.Id is not { Length: > 0 } jobId || QueueNames.OfJob(jobId) != Queue)
        {
            LogUnreadable(Queue);
            const string unreadable = "The job is not a JSON object with an \"id\" of this queue.";
            await (job.Claim is { } claimed ? store.FailAsync(claimed, unreadable) : store.BuryAsync(Queue, raw, unreadable));
            return null;
        }

        var claim = job.Claim ?? await store.ClaimAsync(Queue, jobId, raw);
        using var activity = telemetry.StartJob(Queue, jobId, envelope.Traceparent, claim.Attempt);
        if (claim.Attempt > _options.MaxAttempts)
        {
            await FinishFailedAsync(claim, $"Gave up after {_options.MaxAttempts} attempts: each one stopped before finishing.", activity);
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await handler.HandleAsync(new JobContext(jobId, Queue, raw, claim.Attempt), abort);
            var (won, next) = await CompleteAsync(claim, result, stopping);
            if (!won)
            {
                LogClaimLost(jobId);
            }

            telemetry.JobFinished(Queue, JobStatus.Done, Stopwatch.GetElapsedTime(started));
            return next;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            await store.RequeueAsync(claim);
            LogRequeued(jobId);
        }
        catch (JobFailedException failure) when (failure.Transient && claim.Attempt < _options.MaxAttempts)
        {
            var delay = Delay(claim.Attempt, failure.RetryAfter);
            await store.RetryAsync(claim, failure.Message, delay);
            LogRetrying(jobId, claim.Attempt, delay.TotalMilliseconds, failure.Message);
        }
        catch (JobFailedException failure)
        {
            await FinishFailedAsync(claim, failure.Message, activity, Stopwatch.GetElapsedTime(started));
        }
        // Redis failing, the completion's write included, is not the job's failure: ProcessAsync leaves it claimed for
        // the sweep to return, and it runs again.
        catch (Exception exception) when (exception is not (OperationCanceledException or RedisException or TimeoutException))
        {
            logger.LogError(exception, "Job {JobId} hit an unexpected error", jobId);
            await FinishFailedAsync(claim, $"Unexpected {exception.GetType().Name} in the worker; its log has the details.", activity, Stopwatch.GetElapsedTime(started));
        }

        return null;
    }

    /// <summary>
    /// Completes the claim and, unless the worker is stopping or a sweep is due, claims the slot's next job in the
    /// same round trip.
    /// </summary>
    private async Task<(bool Won, FetchedJob? Next)> CompleteAsync(Claim claim, JobResult result, CancellationToken stopping)
    {
        // Counted before the flag is read: a sweep either waits for this claim, or this claim sees the sweep due.
        Interlocked.Increment(ref _claimsInFlight);
        try
        {
            var next = stopping.IsCancellationRequested || _sweepNeeded ? 0 : 1;
            var (won, fetched) = await _completions.SendAsync((claim, result, next));
            foreach (var job in fetched)
            {
                _held[job.Raw] = 0;
            }

            return (won, fetched.FirstOrDefault());
        }
        finally
        {
            Interlocked.Decrement(ref _claimsInFlight);
        }
    }

    /// <summary>Fails the claim for good; <paramref name="ran"/> is how long the handler ran (zero when it never did).</summary>
    private async Task FinishFailedAsync(Claim claim, string error, Activity? activity, TimeSpan ran = default)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error);
        await store.FailAsync(claim, error);
        telemetry.JobFinished(Queue, JobStatus.Failed, ran);
        LogFailed(claim.JobId, error);
    }

    /// <summary>
    /// The backoff, or the wait the provider asked for when that is longer: plus up to a tenth more, so the jobs one
    /// throttle answer sent away do not all come back in the same millisecond.
    /// </summary>
    private TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromMilliseconds(_options.RetryDelayMs * Math.Pow(2, attempt - 1) * (0.8 + Random.Shared.NextDouble() * 0.4));
        return retryAfter is { } asked && asked > backoff ? asked * (1 + Random.Shared.NextDouble() * 0.1) : backoff;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} is paused; claiming stops until it is resumed")]
    private partial void LogPaused(string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} claims again")]
    private partial void LogResumed(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching from {Queue} failed: {Reason}; retrying")]
    private partial void LogFetchFailed(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis failed while {Queue} moved a job: {Reason}; it will be returned")]
    private partial void LogTransitionFailed(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Returned {Count} unowned jobs from this worker's {Queue} processing list")]
    private partial void LogStraysReturned(string queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable job on {Queue} moved to its dead list")]
    private partial void LogUnreadable(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was re-claimed elsewhere; this worker's outcome is dropped")]
    private partial void LogClaimLost(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} given back to its queue at shutdown")]
    private partial void LogRequeued(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} attempt {Attempt} failed, retrying in {DelayMs:0} ms: {Error}")]
    private partial void LogRetrying(string jobId, int attempt, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed: {Error}")]
    private partial void LogFailed(string jobId, string error);
}
