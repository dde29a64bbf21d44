using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Telegram;

internal static class TelegramServices
{
    public static IServiceCollection AddTelegram(this IServiceCollection services) =>
        services.AddHttpClient<TelegramOnline>().ConfigureProviderHttp(ProviderNames.Telegram, ProviderUrls.TelegramWeb).Services;
}
