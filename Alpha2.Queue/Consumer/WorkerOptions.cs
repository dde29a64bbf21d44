using System.ComponentModel.DataAnnotations;

namespace Alpha2.Queue.Consumer;

/// <summary>
/// How a worker process drains its queues. Environment: WORKER_CONCURRENCY, WORKER_BLOCK_SECONDS,
/// WORKER_HEARTBEAT_SECONDS, WORKER_HEARTBEAT_TTL_SECONDS, WORKER_REAPER_SECONDS, JOB_MAX_ATTEMPTS,
/// JOB_RETRY_DELAY_MS, JOB_RETENTION_HOURS, WORKER_SHUTDOWN_SECONDS, WORKER_HEALTH_FILE, WORKER_ID.
/// </summary>
public sealed class WorkerOptions
{
    /// <summary>Unique per process, so a restarted worker never adopts a dead one's processing list by accident.</summary>
    [Required]
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Jobs one queue runs at once in this process.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 16;

    /// <summary>Server-side BLMOVE timeout; short so shutdown and failover are noticed quickly.</summary>
    [Range(1, 10)]
    public int BlockSeconds { get; set; } = 2;

    [Range(1, 60)]
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>How long after its last heartbeat a worker counts as dead and its jobs go back to the queue.</summary>
    [Range(2, 600)]
    public int HeartbeatTtlSeconds { get; set; } = 15;

    [Range(1, 600)]
    public int ReaperSeconds { get; set; } = 5;

    /// <summary>Claims per job, crashes included, before it is failed and dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Backoff before a retry: this times 2^(attempt-1), with jitter.</summary>
    [Range(0, 600_000)]
    public int RetryDelayMs { get; set; } = 2_000;

    [Range(0.0001, 24 * 365)]
    public double RetentionHours { get; set; } = 24;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);

    [Range(1, 3600)]
    public int ShutdownSeconds { get; set; } = 25;

    /// <summary>A file touched after each heartbeat that reached Redis, for container health checks (WORKER_HEALTH_FILE).</summary>
    public string? HealthFile { get; set; }

    /// <summary>Failed jobs kept in each <c>&lt;queue&gt;:dead</c> list.</summary>
    public int DeadListLength { get; set; } = 1_000;
}
