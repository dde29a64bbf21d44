using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.AiInfer;

internal static class AiInferServices
{
    public static IServiceCollection AddAiInfer(this IServiceCollection services)
    {
        services.AddSingleton<AiAdmission>();
        services.AddSingleton<AiSpendLedger>();
        services.AddSingleton<IJobHandler, AiInferHandler>();
        services.AddSingleton<ILlmClient, GeminiClient>();
        services.AddSingleton<ILlmClient, GroqClient>();
        services.AddProviderClient<IGeminiApi>(ProviderNames.Gemini, ProviderUrls.Gemini, GeminiJson.Default.Options);
        services.AddProviderClient<IGroqApi>(ProviderNames.Groq, ProviderUrls.Groq, GroqJson.Default.Options);
        return services;
    }
}
