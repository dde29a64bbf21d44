using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Bybit;

internal static class BybitServices
{
    public static IServiceCollection AddBybit(this IServiceCollection services)
    {
        services.AddSingleton<IListingSource, Bybit>();
        services.AddProviderClient<IBybitApi>(ProviderNames.Bybit, ProviderUrls.Bybit, BybitJson.Default.Options);
        return services;
    }
}
