using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Worker.Jobs;

/// <summary>
/// Drains one queue: a single BLMOVE loop on a dedicated connection claims a job only when one of
/// <see cref="WorkerOptions.Concurrency"/> slots is free, and runs it beside the others.
/// </summary>
internal sealed partial class QueueConsumer(
    IJobHandler handler,
    JobStore store,
    IConfiguration configuration,
    IOptions<WorkerOptions> options,
    WorkerTelemetry telemetry,
    ILogger<QueueConsumer> logger)
{
    private readonly WorkerOptions _options = options.Value;
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private volatile bool _sweepNeeded;

    public string Queue => handler.Queue;

    /// <summary>
    /// Claims and runs jobs until <paramref name="stopping"/> fires, then waits for the running ones. Those still
    /// running when <paramref name="abort"/> fires are cancelled and given back to the queue.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var jobs = (RedisKey)RedisKeys.Jobs(Queue);
        var processing = store.Processing(Queue);
        using var slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        await using (var blocking = new BlockingConnection(configuration, $"alpha2-worker-{_options.WorkerId}-{Queue}", _options.BlockSeconds))
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await slots.WaitAsync(stopping);
                    if (_sweepNeeded)
                    {
                        await SweepStraysAsync();
                    }

                    var raw = await blocking.MoveAsync(jobs, processing, stopping);
                    if (raw is null)
                    {
                        slots.Release();
                        continue;
                    }

                    _held[raw] = 0;
                    Track(ProcessAsync(raw, abort).ContinueWith(_ => slots.Release(), TaskScheduler.Default));
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    slots.Release();
                    _sweepNeeded = true;
                    LogFetchFailed(Queue, exception.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }

        await Task.WhenAll(_running.Keys);
    }

    private void Track(Task task)
    {
        _running[task] = 0;
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>
    /// After a failed BLMOVE or a failed transition, our processing list may hold jobs no task runs (the server
    /// moved one whose reply never arrived): give those back to the queue. Runs between BLMOVEs only.
    /// </summary>
    private async Task SweepStraysAsync()
    {
        var returned = 0;
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

    private async Task ProcessAsync(string raw, CancellationToken abort)
    {
        try
        {
            await ProcessClaimedAsync(raw, abort);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The job stays in our processing list; the next sweep (or the reaper, if we die) returns it.
            _sweepNeeded = true;
            LogTransitionFailed(Queue, exception.Message);
        }
        finally
        {
            _held.TryRemove(raw, out _);
        }
    }

    private async Task ProcessClaimedAsync(string raw, CancellationToken abort)
    {
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
            await store.BuryAsync(Queue, raw, "The job is not a JSON object with an \"id\" of this queue.");
            return;
        }

        var claim = await store.ClaimAsync(Queue, jobId, raw);
        using var activity = telemetry.StartJob(Queue, jobId, envelope.Traceparent, claim.Attempt);
        if (claim.Attempt > _options.MaxAttempts)
        {
            await FinishFailedAsync(claim, $"Gave up after {_options.MaxAttempts} attempts: each one stopped before finishing.", activity);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await handler.HandleAsync(new JobContext(jobId, Queue, raw, claim.Attempt), abort);
            if (!await store.CompleteAsync(claim, result))
            {
                LogClaimLost(jobId);
            }

            telemetry.JobFinished(Queue, JobStatus.Done, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            await store.RequeueAsync(claim);
            LogRequeued(jobId);
        }
        catch (JobFailedException failure) when (failure.Transient && claim.Attempt < _options.MaxAttempts)
        {
            var delay = Backoff(claim.Attempt);
            await store.RetryAsync(claim, failure.Message, delay);
            LogRetrying(jobId, claim.Attempt, delay.TotalMilliseconds, failure.Message);
        }
        catch (JobFailedException failure)
        {
            await FinishFailedAsync(claim, failure.Message, activity);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Job {JobId} hit an unexpected error", jobId);
            await FinishFailedAsync(claim, $"Unexpected {exception.GetType().Name} in the worker; its log has the details.", activity);
        }
    }

    private async Task FinishFailedAsync(Claim claim, string error, Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error);
        await store.FailAsync(claim, error);
        telemetry.JobFinished(Queue, JobStatus.Failed, TimeSpan.Zero);
        LogFailed(claim.JobId, error);
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(_options.RetryDelayMs * Math.Pow(2, attempt - 1) * (0.8 + Random.Shared.NextDouble() * 0.4));

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
