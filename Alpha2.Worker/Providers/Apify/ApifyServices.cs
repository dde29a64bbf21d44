using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Apify;

internal static class ApifyServices
{
    public static IServiceCollection AddApify(this IServiceCollection services) =>
        services.AddProviderClient<IApifyApi>(ProviderNames.Apify, ProviderUrls.Apify, ApifyJson.Default.Options).Services;
}
