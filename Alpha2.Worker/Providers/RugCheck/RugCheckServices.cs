using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Providers.RugCheck;

internal static class RugCheckServices
{
    public static IServiceCollection AddRugCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RugCheckOptions>()
            .Configure(o => o.PerSecond = configuration.GetValue("RUGCHECK_RPS", o.PerSecond))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RugCheckClient>();
        services.AddProviderClient<IRugCheckApi>(ProviderNames.RugCheck, ProviderUrls.RugCheck, RugCheckJson.Default.Options);
        return services;
    }
}
