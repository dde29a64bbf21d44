using Alpha2.Worker.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Whales;

internal static class WhalesServices
{
    /// <summary>The whale scan; it reuses the new-mint feature's Helius clients and feed (AddHeliusMints).</summary>
    public static IServiceCollection AddWhales(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhaleOptions>().Configure(o =>
        {
            o.MinSol = configuration.GetValue("WHALE_MIN_SOL", o.MinSol);
            o.DefaultMints = configuration.GetValue("WHALE_SCAN_MINTS", o.DefaultMints);
        }).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MintIdentities>();
        services.AddSingleton<TokenPrices>();
        services.AddSingleton<IJobHandler, WhaleScanHandler>();
        return services;
    }
}
