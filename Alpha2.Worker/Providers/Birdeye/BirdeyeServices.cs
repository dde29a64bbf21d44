using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Birdeye;

internal static class BirdeyeServices
{
    public static IServiceCollection AddBirdeye(this IServiceCollection services)
    {
        services.AddSingleton<BirdeyeClient>();
        services.AddProviderClient<IBirdeyeApi>(ProviderNames.Birdeye, ProviderUrls.Birdeye, BirdeyeJson.Default.Options);
        return services;
    }
}
