using Alpha2.Api.Infrastructure;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

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
        group.MapGet("/models", Models)
            .WithSummary("The models a prompt may name with their USD prices per 1M tokens (and blocked_until while a quota is used up), the request limits, and today's AI spend against the daily cap.");
        return group;
    }

    internal static async Task<Ok<AiCatalog>> Models(IOptions<AiOptions> options, IConnectionMultiplexer redis, TimeProvider clock)
    {
        var ai = options.Value;
        var now = clock.GetUtcNow();
        var batch = redis.GetDatabase().CreateBatch();
        // The day's micro-USD, reservations of running calls included (docs/redis-keys.md): what the cap is checked against.
        var spentRead = batch.StringGetAsync(RedisKeys.AiSpend(DateOnly.FromDateTime(now.UtcDateTime)));
        var blocksRead = batch.HashValuesAsync(RedisKeys.AiQuotaBlocks);
        batch.Execute();
        var spent = (long?)await spentRead ?? 0;
        var blockedUntil = AiQuotaBlock.Live((await blocksRead).ToStringArray(), now)
            .ToDictionary(block => block.Model, block => block.Until, StringComparer.Ordinal);
        var models = ai.Models
            .Select(m => new AiModelPrice(
                m.Key, m.Value.Provider, m.Value.InputUsdPerMillion, m.Value.OutputUsdPerMillion, blockedUntil.TryGetValue(m.Key, out var until) ? until : null))
            .OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new AiCatalog(
            models, ai.DefaultMaxTokens, ai.MaxTokensCap, ai.MaxPromptChars, Math.Max(0, spent) / 1_000_000m, ai.DailySpendCapUsd));
    }

    internal static Task<JobAcceptedResult> Infer(AiInferRequest request, JobQueue jobs, CancellationToken cancellationToken) =>
        Enqueue.AcceptAsync(jobs, QueueNames.AiInfer, request, Alpha2Json.Default.AiInferRequest, cancellationToken);
}
