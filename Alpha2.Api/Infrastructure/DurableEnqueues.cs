using System.Globalization;
using Alpha2.Contracts;
using Alpha2.Queue;
using Alpha2.ServiceDefaults;
using StackExchange.Redis;

namespace Alpha2.Api.Infrastructure;

/// <summary>
/// ENQUEUE_MIN_REPLICAS and ENQUEUE_REPLICA_TIMEOUT_MS (docs/scaling.md): with a minimum, enqueues are acknowledged
/// only once that many replicas hold them. Their WAIT then blocks its connection up to the timeout whenever a replica
/// lags, so durable enqueues get a connection of their own and reads never queue behind one.
/// </summary>
internal static class DurableEnqueues
{
    public const string MinReplicasVariable = "ENQUEUE_MIN_REPLICAS";
    public const string TimeoutVariable = "ENQUEUE_REPLICA_TIMEOUT_MS";

    public static JobQueue Create(IConfiguration configuration, IServiceProvider services)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var minReplicas = Number(configuration, MinReplicasVariable, 0);
        if (minReplicas == 0)
        {
            return new JobQueue(services.GetRequiredService<IConnectionMultiplexer>(), clock);
        }

        if (KeyScheme.Mode == RedisKeyMode.Cluster)
        {
            // WAIT counts the replicas of the one node it is sent to, and a group of enqueues spans the queues' nodes.
            throw new FormatException($"{MinReplicasVariable} is not supported with REDIS_KEY_MODE=cluster (docs/scaling.md).");
        }

        var options = configuration.RedisOptions("alpha2-api-enqueue").WithKeyMode(configuration[KeyScheme.Variable]);
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return new JobQueue(
            ConnectionMultiplexer.Connect(options),
            clock,
            new EnqueueDurability(minReplicas, TimeSpan.FromMilliseconds(Number(configuration, TimeoutVariable, 500))));
    }

    private static int Number(IConfiguration configuration, string variable, int fallback) =>
        configuration[variable] is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"{variable} must be a whole number of 0 or more, not '{text}'.");
}
