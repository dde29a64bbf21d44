using Alpha2.Api.Infrastructure;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;

namespace Alpha2.Api.AiInfer;

internal static class AiInferEndpoints
{
    public static RouteGroupBuilder MapAiInfer(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ai").WithTags("AI");
        group.MapPost("/infer", Infer)
            .QueuesWork()
            .Validate<AiInferRequest>()
            .WithSummary("Queues a prompt for Gemini or Groq; the job's result is {text, tokens, cost} with cost in USD.");
        return group;
    }

    internal static Task<JobAcceptedResult> Infer(AiInferRequest request, JobQueue jobs, CancellationToken cancellationToken) =>
        Enqueue.AcceptAsync(jobs, QueueNames.AiInfer, request, Alpha2Json.Default.AiInferRequest, cancellationToken);
}
