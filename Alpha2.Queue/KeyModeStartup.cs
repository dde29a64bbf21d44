using Alpha2.Contracts;
using StackExchange.Redis;

namespace Alpha2.Queue;

/// <summary>How a host fixes its key mode as it composes itself (docs/redis-keys.md).</summary>
public static class KeyModeStartup
{
    /// <summary>
    /// Fixes this process's key mode from <c>REDIS_KEY_MODE</c>'s <paramref name="value"/>, once the connection it
    /// names keys for agrees: a Redis Cluster serves database 0 only and refuses SELECT, so cluster mode with
    /// another database in <c>REDIS_URL</c> fails at start rather than on every command. Every connection of a host
    /// passes through here, the blocking ones too.
    /// </summary>
    public static ConfigurationOptions WithKeyMode(this ConfigurationOptions redis, string? value)
    {
        var mode = KeyScheme.Parse(value);
        if (mode == RedisKeyMode.Cluster && redis.DefaultDatabase is > 0 and var database)
        {
            throw new InvalidOperationException(
                $"{KeyScheme.Variable}=cluster, but REDIS_URL names database {database}: a Redis Cluster has database 0 only (redis://host:port,host:port/0).");
        }

        if (mode == RedisKeyMode.Cluster && redis.ServiceName is null)
        {
            // Handshake commands a cluster node answers with errors, which would hide real ones in INFO errorstats (where
            // an operator looks for CROSSSLOT): the tie-breaker GET, sent to every node and MOVED by all but its slot's
            // owner (a cluster elects its own primaries), the SENTINEL probe (a cluster node is no sentinel), and
            // CLIENT SETINFO, which Redis before 7.2 does not know.
            redis.TieBreaker = "";
            redis.CommandMap = CommandMap.Create(new HashSet<string> { "SENTINEL" }, available: false);
            redis.SetClientLibrary = false;
        }

        KeyScheme.Use(value);
        return redis;
    }
}
