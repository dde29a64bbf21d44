using Alpha2.Queue.Consumer;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Features.HeliusMints;

internal static class HeliusMintsServices
{
    /// <summary>The new-mint feed: its ingestion handler and the poller. Uses Helius, RugCheck and token metadata.</summary>
    public static IServiceCollection AddHeliusMints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HeliusMintsOptions>().Configure(o => Bind(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MintEnricher>();
        services.AddSingleton<IJobHandler, HeliusMintsHandler>();
        services.AddSingleton<MintPoller>().AddHostedService(p => p.GetRequiredService<MintPoller>());
        services.AddSingleton<MintCreateQueue>().AddSingleton<MintSourceStats>().AddSingleton<MintStreamLedger>();
        services.AddSingleton<MintStream>().AddHostedService(p => p.GetRequiredService<MintStream>());
        services.AddSafetyRecheck(configuration);
        return services;
    }

    private static void Bind(HeliusMintsOptions options, IConfiguration configuration)
    {
        options.PollSeconds = configuration.GetValue("HELIUS_POLL_SECONDS", options.PollSeconds);
        options.PollMaxPages = configuration.GetValue("HELIUS_POLL_MAX_PAGES", options.PollMaxPages);
        options.StreamGapPages = configuration.GetValue("HELIUS_WS_GAP_PAGES", options.StreamGapPages);
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
