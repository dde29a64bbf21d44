namespace Alpha2.Queue.Consumer;

/// <summary>A feature's work for one queue. The queue machinery calls it once per claim: at least once per job.</summary>
public interface IJobHandler
{
    string Queue { get; }

    /// <summary>Handles the job JSON and returns the UI-shaped result, or throws <see cref="JobFailedException"/>.</summary>
    Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken);
}

/// <summary>One claimed job: its id, its JSON exactly as queued, and which attempt this is.</summary>
public sealed record JobContext(string JobId, string Queue, string Json, int Attempt);

/// <summary>
/// The result JSON, stored once and served as is; <paramref name="IsLatest"/> also makes it the queue's latest.
/// <paramref name="Summary"/> is an optional JSON object about the run (e.g. which sources answered), shown by GET /api/jobs.
/// </summary>
public sealed record JobResult(byte[] Json, bool IsLatest, byte[]? Summary = null);
