using Alpha2.Queue.Scripts;
using StackExchange.Redis;

namespace Alpha2.Queue;

/// <summary>A lease with a TTL that makes one replica at a time run a recurring task; it lapses if its holder dies.</summary>
public sealed class Lease(IConnectionMultiplexer redis)
{
    /// <summary>Takes the lease, or renews it when <paramref name="owner"/> already holds it.</summary>
    public async Task<bool> TryAcquireAsync(string task, string owner, TimeSpan ttl)
    {
        var db = redis.GetDatabase();
        var key = (RedisKey)QueueKeys.Lock(task);
        return await db.StringSetAsync(key, owner, ttl, When.NotExists)
               || (int)await db.ScriptEvaluateAsync(QueueScripts.LeaseExtend, new { key, owner, ttl = (long)ttl.TotalMilliseconds }) == 1;
    }

    /// <summary>Gives the lease up if <paramref name="owner"/> still holds it, so another replica need not wait out its TTL.</summary>
    public Task<bool> ReleaseAsync(string task, string owner) => redis.GetDatabase().LockReleaseAsync(QueueKeys.Lock(task), owner);
}
