using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alpha2.Queue.Ops;

public static class OpsServices
{
    /// <summary>What an operator's endpoints read and change: queue counts and history, pause, dead letters, workers.</summary>
    public static IServiceCollection AddQueueOps(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<QueueControl>();
        services.AddSingleton<QueueOverview>();
        services.AddSingleton<WorkerDirectory>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<JobSearch>();
        return services;
    }
}
