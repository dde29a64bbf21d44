using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Groq;

internal static class GroqServices
{
    public static IServiceCollection AddGroq(this IServiceCollection services)
    {
        services.AddSingleton<ILlmClient, GroqClient>();
        services.AddProviderClient<IGroqApi>(
            ProviderNames.Groq, ProviderUrls.Groq, GroqJson.Default.Options, GroqQuota.UsedUp);
        return services;
    }
}
