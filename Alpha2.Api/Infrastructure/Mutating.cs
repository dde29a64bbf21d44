namespace Alpha2.Api.Infrastructure;

internal static class Mutating
{
    /// <summary>What every endpoint that queues work gets: the optional API key, and the per-client rate limit.</summary>
    public static RouteHandlerBuilder QueuesWork(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ApiKeyFilter>()
            .RequireRateLimiting(ClientRateLimits.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
