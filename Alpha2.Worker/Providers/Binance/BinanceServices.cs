using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Binance;

internal static class BinanceServices
{
    public static IServiceCollection AddBinance(this IServiceCollection services)
    {
        services.AddSingleton<IListingSource, Binance>();
        services.AddProviderClient<IBinanceCmsApi>(ProviderNames.Binance, ProviderUrls.BinanceCms, BinanceJson.Default.Options);
        return services;
    }
}
