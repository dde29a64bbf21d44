using Alpha2.Queue.Consumer;

namespace Alpha2.Worker.Features.AiInfer;

internal static class AiInferServices
{
    public static IServiceCollection AddAiInfer(this IServiceCollection services)
    {
        services.AddSingleton<AiAdmission>();
        services.AddSingleton<AiSpendLedger>();
        services.AddSingleton<AiQuotaBlocks>();
        services.AddSingleton<IJobHandler, AiInferHandler>();
        return services;
    }
}
