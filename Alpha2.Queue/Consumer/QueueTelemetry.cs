using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Alpha2.Queue.Consumer;

/// <summary>The consumer's ActivitySource and Meter: a span per job and the jobs finished, by queue and outcome.</summary>
public sealed class QueueTelemetry : IDisposable
{
    public const string Name = "Alpha2.Queue";

    private readonly ActivitySource _source = new(Name);
    private readonly Meter _meter = new(Name);
    private readonly Counter<long> _jobs;
    private readonly Histogram<double> _duration;

    public QueueTelemetry()
    {
        _jobs = _meter.CreateCounter<long>("alpha2.jobs.finished", "{job}", "Jobs finished, by queue and outcome.");
        _duration = _meter.CreateHistogram<double>("alpha2.jobs.duration", "s", "Time from claim to done.");
    }

    /// <summary>Starts the job's span as a child of the API request that queued it (its <c>traceparent</c>).</summary>
    internal Activity? StartJob(string queue, string jobId, string? traceparent, int attempt)
    {
        ActivityContext.TryParse(traceparent, traceState: null, isRemote: true, out var parent);
        var activity = _source.StartActivity($"process {queue}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", queue);
        activity?.SetTag("messaging.message.id", jobId);
        activity?.SetTag("alpha2.job.attempt", attempt);
        return activity;
    }

    internal void JobFinished(string queue, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "queue", queue }, { "outcome", outcome } };
        _jobs.Add(1, tags);
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
}
