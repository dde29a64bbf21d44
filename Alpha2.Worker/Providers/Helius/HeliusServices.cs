using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Providers.Helius;

internal static class HeliusServices
{
    public static IServiceCollection AddHelius(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HeliusOptions>().Configure(o =>
        {
            o.RpcPerSecond = configuration.GetValue("HELIUS_RPC_RPS", o.RpcPerSecond);
            o.DasPerSecond = configuration.GetValue("HELIUS_DAS_RPS", o.DasPerSecond);
        }).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HeliusRpc>();
        services.AddSingleton<HeliusTransactions>();
        services.AddSingleton<HolderScanner>();
        services.AddProviderClient<IHeliusRpcApi>(ProviderNames.Helius, ProviderUrls.HeliusRpc, HeliusJson.Default.Options);
        services.AddProviderClient<IHeliusApi>(ProviderNames.Helius, ProviderUrls.HeliusApi, HeliusJson.Default.Options);
        return services;
    }
}
