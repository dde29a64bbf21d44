using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Gemini;

internal static class GeminiServices
{
    public static IServiceCollection AddGemini(this IServiceCollection services)
    {
        services.AddSingleton<ILlmClient, GeminiClient>();
        services.AddProviderClient<IGeminiApi>(
            ProviderNames.Gemini, ProviderUrls.Gemini, GeminiJson.Default.Options, GeminiQuota.UsedUp);
        return services;
    }
}
