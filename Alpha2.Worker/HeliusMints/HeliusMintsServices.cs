using Alpha2.Contracts.Metrics;
using Alpha2.ServiceDefaults.Jobs;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Jobs;
using Alpha2.Worker.RugCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.HeliusMints;

internal static class HeliusMintsServices
{
    public static IServiceCollection AddHeliusMints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HeliusOptions>().Configure(o => Bind(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<HeliusRpc>();
        services.AddSingleton<HeliusTransactions>();
        services.AddSingleton<HolderScanner>();
        services.AddSingleton<RugCheckClient>();
        services.AddSingleton<MintEnricher>();
        services.AddSingleton<MintFeed>();
        services.AddSingleton<IJobHandler, HeliusMintsHandler>();
        services.AddSingleton<MintPoller>().AddHostedService(p => p.GetRequiredService<MintPoller>());
        services.AddProviderClient<IHeliusRpcApi>(ProviderNames.Helius, ProviderUrls.HeliusRpc, HeliusJson.Default.Options);
        services.AddProviderClient<IHeliusApi>(ProviderNames.Helius, ProviderUrls.HeliusApi, HeliusJson.Default.Options);
        services.AddProviderClient<IRugCheckApi>(ProviderNames.RugCheck, ProviderUrls.RugCheck, RugCheckJson.Default.Options);
        services.AddTokenMetadata(configuration);
        return services;
    }

    private static void Bind(HeliusOptions options, IConfiguration configuration)
    {
        options.RpcPerSecond = configuration.GetValue("HELIUS_RPC_RPS", options.RpcPerSecond);
        options.DasPerSecond = configuration.GetValue("HELIUS_DAS_RPS", options.DasPerSecond);
        options.RugCheckPerSecond = configuration.GetValue("RUGCHECK_RPS", options.RugCheckPerSecond);
        options.PollSeconds = configuration.GetValue("HELIUS_POLL_SECONDS", options.PollSeconds);
        options.PollMaxPages = configuration.GetValue("HELIUS_POLL_MAX_PAGES", options.PollMaxPages);
        options.MaxRows = configuration.GetValue("HELIUS_MINTS_MAX_ROWS", options.MaxRows);
        options.OriginalWindowDays = configuration.GetValue("ORIGINAL_WINDOW_DAYS", options.OriginalWindowDays);
        options.MaxTop10Percent = configuration.GetValue("SAFE_MAX_TOP10_PERCENT", options.MaxTop10Percent);
        options.MaxDevPercent = configuration.GetValue("SAFE_MAX_DEV_PERCENT", options.MaxDevPercent);
        if (configuration["TEAM_DOXXED_ALLOWLIST"] is { } doxxed)
        {
            options.DoxxedAllowlist = List(doxxed, StringComparer.Ordinal);
        }

        if (configuration["RUGCHECK_DANGER_BLOCKLIST"] is { Length: > 0 } blocklist)
        {
            options.RugCheckBlocklist = List(blocklist, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>A comma-separated setting as a set, blanks dropped.</summary>
    private static HashSet<string> List(string value, StringComparer comparer) =>
        new(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), comparer);
}
