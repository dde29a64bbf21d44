using Alpha2.Worker.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Features.HeliusMints;

internal static class SafetyRecheckServices
{
    /// <summary>The verdict both ingestion and re-checks reach, and the re-checks' schedule and loop (docs/domain.md §2.1.1).</summary>
    public static IServiceCollection AddSafetyRecheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SafetyRecheckOptions>().Configure(o => Bind(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SafetyCheck>();
        services.AddSingleton<MintRechecks>();
        services.AddSingleton<SafetyRecheck>().AddHostedService(p => p.GetRequiredService<SafetyRecheck>());
        return services;
    }

    private static void Bind(SafetyRecheckOptions options, IConfiguration configuration)
    {
        if (configuration["SAFETY_RECHECK_SCHEDULE"] is { } schedule)
        {
            options.Schedule = SafetyRecheckOptions.ParseSchedule(schedule);
        }

        options.CreditsPerHour = configuration.GetValue("SAFETY_RECHECK_CREDITS_PER_HOUR", options.CreditsPerHour);
        options.TickSeconds = configuration.GetValue("SAFETY_RECHECK_TICK_SECONDS", options.TickSeconds);
    }
}
