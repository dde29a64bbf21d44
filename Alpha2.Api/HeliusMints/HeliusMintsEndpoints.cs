using System.Text.Json.Nodes;
using Alpha2.Api.Infrastructure;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Microsoft.AspNetCore.Mvc;

namespace Alpha2.Api.HeliusMints;

internal static class HeliusMintsEndpoints
{
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapHeliusMints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/helius").WithTags("New mints");
        group.MapGet("/mints", Mints)
            .Produces<MintRow[]>()
            .ProducesValidationProblem()
            .WithSummary("New pump.fun mints with safety flags, newest first ([] until the feed has rows); ts is UTC.");
        group.MapPost("/webhook", HeliusWebhook.Receive)
            .WithMetadata(new RequestSizeLimitAttribute(HeliusWebhook.MaxBodyBytes))
            // No per-client rate limit: Helius delivers from a few addresses, and throttled deliveries get the webhook disabled.
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Helius webhook deliveries (enhanced or raw); Authorization must equal HELIUS_WEBHOOK_AUTH. Creates are queued for ingestion.");
        return group;
    }

    internal static async Task<IResult> Mints(int? limit, JobReader reader)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
        }

        var stored = await reader.LatestResultAsync(QueueNames.HeliusMints);
        if (stored is null)
        {
            return Utf8JsonResult.EmptyArray;
        }

        if (limit is null)
        {
            return new Utf8JsonResult(stored);
        }

        var rows = JsonNode.Parse(stored)!.AsArray();
        return TypedResults.Text(new JsonArray([.. rows.Take(limit.Value).Select(r => r?.DeepClone())]).ToJsonString(), "application/json");
    }
}
