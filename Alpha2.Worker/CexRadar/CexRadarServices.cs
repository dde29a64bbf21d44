using Alpha2.Contracts.Metrics;
using Alpha2.Worker.CexRadar.Sources;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.CexRadar;

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
        services.AddSingleton<IListingSource, Binance>();
        services.AddSingleton<IListingSource, Bybit>();
        services.AddSingleton<IListingSource, Okx>();
        services.AddSingleton<TokenResolver>();
        services.AddSingleton<SocialFigures>();
        services.AddSingleton<SocialTracker>();
        services.AddSingleton<TweetCounter>();
        services.AddSingleton<SocialRefresher>().AddHostedService(p => p.GetRequiredService<SocialRefresher>());
        services.AddProviderClient<IBinanceCmsApi>(ProviderNames.Binance, ProviderUrls.BinanceCms, BinanceJson.Default.Options);
        services.AddProviderClient<IBybitApi>(ProviderNames.Bybit, ProviderUrls.Bybit, BybitJson.Default.Options);
        services.AddProviderClient<IOkxApi>(ProviderNames.Okx, ProviderUrls.Okx, OkxJson.Default.Options);
        services.AddProviderClient<IApifyApi>(ProviderNames.Apify, ProviderUrls.Apify, ApifyJson.Default.Options);
        services.AddHttpClient<TelegramOnline>()
            .ConfigureProviderHttp(ProviderNames.Telegram, ProviderUrls.TelegramWeb);
        return services;
    }
}
