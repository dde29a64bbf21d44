using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

public static class ConsumerServices
{
    /// <summary>
    /// The worker side of the queue: one consumer per registered <see cref="IJobHandler"/> (queues without one keep
    /// their jobs queued), the heartbeat, the reaper and the graceful stop. Each fetch loop blocks on a connection of its
    /// own, made from <paramref name="redisOptions"/> (client name → settings). Bind <see cref="WorkerOptions"/> first.
    /// </summary>
    public static IServiceCollection AddJobConsumers(this IServiceCollection services, Func<string, ConfigurationOptions> redisOptions)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Lease>();
        services.AddSingleton<QueueTelemetry>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<WorkerLoad>();
        services.AddSingleton(new BlockingConnectionOptions(redisOptions));
        services.AddSingleton<IEnumerable<QueueConsumer>>(provider => provider.GetServices<IJobHandler>()
            .Select(handler => ActivatorUtilities.CreateInstance<QueueConsumer>(provider, handler))
            .ToArray());
        // Registration order is stop order reversed: the heartbeat outlives the consumers' graceful stop.
        services.AddSingleton<Heartbeat>().AddHostedService(p => p.GetRequiredService<Heartbeat>());
        services.AddSingleton<Reaper>().AddHostedService(p => p.GetRequiredService<Reaper>());
        services.AddHostedService<QueueWorker>();
        return services;
    }
}
