using Alpha2.Contracts.Jobs;
using StackExchange.Redis;

namespace Alpha2.Worker.Infrastructure;

/// <summary>A lease with a TTL that makes one replica at a time run a recurring task; it lapses if its holder dies.</summary>
internal sealed class RedisLock(IConnectionMultiplexer redis)
{
    private static readonly LuaScript Extend = LuaScript.Prepare("""
        if redis.call('GET', @key) == @owner then return redis.call('PEXPIRE', @key, @ttl) end
        return 0
        """);

    /// <summary>Takes the lease, or renews it when <paramref name="owner"/> already holds it.</summary>
    public async Task<bool> TryAcquireAsync(string task, string owner, TimeSpan ttl)
    {
        var db = redis.GetDatabase();
        var key = (RedisKey)RedisKeys.Lock(task);
        return await db.StringSetAsync(key, owner, ttl, When.NotExists)
               || (int)await db.ScriptEvaluateAsync(Extend, new { key, owner, ttl = (long)ttl.TotalMilliseconds }) == 1;
    }
}
