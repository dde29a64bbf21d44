using Alpha2.Queue.Consumer;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Features.Whales;

internal static class WhalesServices
{
    /// <summary>The whale scan. Uses Helius, Birdeye and the mint feed's store.</summary>
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
