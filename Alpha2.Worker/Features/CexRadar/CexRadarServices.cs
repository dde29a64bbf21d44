using Alpha2.Queue.Consumer;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Features.CexRadar;

internal static class CexRadarServices
{
    public static IServiceCollection AddCexRadar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CexRadarOptions>().Configure(o =>
        {
            o.MaxRows = configuration.GetValue("CEX_RADAR_MAX_ROWS", o.MaxRows);
            o.TrackHours = configuration.GetValue("CEX_RADAR_TRACK_HOURS", o.TrackHours);
            o.ApifyIntervalMinutes = configuration.GetValue("APIFY_INTERVAL_MINUTES", o.ApifyIntervalMinutes);
        }).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IJobHandler, CexRadarHandler>();
        services.AddSingleton<TokenResolver>();
        services.AddSingleton<SocialFigures>();
        services.AddSingleton<SocialTracker>();
        services.AddSingleton<TweetCounter>();
        services.AddSingleton<SocialRefresher>().AddHostedService(p => p.GetRequiredService<SocialRefresher>());
        return services;
    }
}
