namespace Alpha2.Queue;

/// <summary>
/// How many replicas must hold an enqueue before it is acknowledged (<c>WAIT</c>), and how long to wait for them
/// (ENQUEUE_MIN_REPLICAS, ENQUEUE_REPLICA_TIMEOUT_MS; docs/scaling.md). Redis replicates asynchronously: without this,
/// a primary that dies right after answering can take acknowledged jobs with it.
/// </summary>
public sealed record EnqueueDurability(int MinReplicas, TimeSpan Timeout);

/// <summary>
/// The enqueue's group did not reach <see cref="EnqueueDurability.MinReplicas"/> replicas in time; its jobs were
/// withdrawn where still queued. The API answers 503 with Retry-After.
/// </summary>
public sealed class EnqueueNotReplicatedException(long replicas, EnqueueDurability durability) : Exception(
    $"The enqueue reached {replicas} of the {durability.MinReplicas} replicas required within {durability.Timeout.TotalMilliseconds:0} ms.");
