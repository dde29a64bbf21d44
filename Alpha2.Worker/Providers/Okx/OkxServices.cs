using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Okx;

internal static class OkxServices
{
    public static IServiceCollection AddOkx(this IServiceCollection services)
    {
        services.AddSingleton<IListingSource, Okx>();
        services.AddProviderClient<IOkxApi>(ProviderNames.Okx, ProviderUrls.Okx, OkxJson.Default.Options);
        return services;
    }
}
