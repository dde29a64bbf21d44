using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alpha2.Contracts.Jobs;

namespace Alpha2.Queue.Consumer;

/// <summary>
/// The consumer's ActivitySource and Meter, named as OpenTelemetry's messaging conventions name them: a
/// <c>process &lt;queue&gt;</c> span per job, and the jobs processed, their run and wait times (docs/metrics.md).
/// </summary>
public sealed class QueueTelemetry : IDisposable
{
    public const string Name = "Alpha2.Queue";

    /// <summary>The <c>messaging.system</c> of every span and measurement: not one OpenTelemetry names, so our own.</summary>
    internal const string MessagingSystem = "redis";

    // Jobs run from milliseconds (a cached read) to minutes (an AI answer, a whale scan); they wait as long.
    private static readonly double[] Seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly ActivitySource _source = new(Name);
    private readonly Meter _meter = new(Name);
    private readonly TimeProvider _clock;
    private readonly Counter<long> _processed;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _wait;

    public QueueTelemetry(TimeProvider clock)
    {
        _clock = clock;
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds };
        _processed = _meter.CreateCounter<long>(
            "messaging.client.consumed.messages", "{message}", "Jobs processed to an outcome, by queue; error.type is set on those that failed.");
        _duration = _meter.CreateHistogram(
            "messaging.process.duration", "s", "Time from a job's claim to its outcome, by queue.", advice: advice);
        _wait = _meter.CreateHistogram(
            "alpha2.jobs.wait.duration", "s", "Time from a job's enqueue to its first claim, by queue.", advice: advice);
    }

    /// <summary>
    /// Starts the job's span as a child of the span that queued it (its <c>traceparent</c>), and records how long a
    /// first attempt waited since its enqueue (the id carries that time).
    /// </summary>
    internal Activity? StartJob(string queue, string jobId, string? traceparent, int attempt)
    {
        if (attempt == 1 && JobIds.EnqueuedAtMs(jobId) is { } enqueued)
        {
            // Another host's clock wrote the id: skew may put the enqueue a little in the future.
            var waited = Math.Max(0, _clock.GetUtcNow().ToUnixTimeMilliseconds() - enqueued) / 1000.0;
            _wait.Record(waited, Tags(queue));
        }

        ActivityContext.TryParse(traceparent, traceState: null, isRemote: true, out var parent);
        var activity = _source.StartActivity($"process {queue}", ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", MessagingSystem);
            activity.SetTag("messaging.operation.name", "process");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", queue);
            activity.SetTag("messaging.message.id", jobId);
            activity.SetTag("alpha2.job.attempt", attempt);
        }

        return activity;
    }

    /// <summary>A job reached its outcome (<c>done</c> or <c>failed</c>) after running <paramref name="duration"/>, if known.</summary>
    internal void JobFinished(string queue, string outcome, TimeSpan duration)
    {
        var tags = Tags(queue);
        if (outcome != JobStatus.Done)
        {
            tags.Add("error.type", outcome);
        }

        _processed.Add(1, tags);
        if (duration > TimeSpan.Zero)
        {
            _duration.Record(duration.TotalSeconds, tags);
        }
    }

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }

    private static TagList Tags(string queue) => new()
    {
        { "messaging.system", MessagingSystem },
        { "messaging.destination.name", queue },
        { "messaging.operation.name", "process" },
    };
}
