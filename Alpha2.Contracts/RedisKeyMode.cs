namespace Alpha2.Contracts;

/// <summary>How Alpha2 names its Redis keys (<c>REDIS_KEY_MODE</c>; docs/redis-keys.md lists both namings).</summary>
public enum RedisKeyMode
{
    /// <summary>The seed spec's names (<c>&lt;queue&gt;:jobs</c>, <c>&lt;queue&gt;:status</c>, …): one Redis server.</summary>
    Spec,

    /// <summary>
    /// Every key of one queue carries the queue's hash tag (<c>{ai-infer}:jobs</c>), so each script's keys share one slot
    /// of a Redis Cluster.
    /// </summary>
    Cluster,
}
