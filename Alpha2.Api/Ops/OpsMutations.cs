using Alpha2.Api.Infrastructure;

namespace Alpha2.Api.Ops;

internal static class OpsMutations
{
    public const string ReadOnlyVariable = "OPS_READ_ONLY";

    /// <summary>What every ops endpoint that changes something gets: the API key and rate limit of all POSTs, and 403
    /// while OPS_READ_ONLY=true.</summary>
    public static RouteHandlerBuilder OpsMutation(this RouteHandlerBuilder builder) =>
        builder.QueuesWork()
            .AddEndpointFilter<ReadOnlyFilter>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static bool IsReadOnly(IConfiguration configuration) => configuration.GetValue(ReadOnlyVariable, false);

    private sealed class ReadOnlyFilter(IConfiguration configuration) : IEndpointFilter
    {
        private readonly bool _readOnly = IsReadOnly(configuration);

        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            _readOnly
                ? TypedResults.Problem($"Ops changes are off: {ReadOnlyVariable}=true.", statusCode: StatusCodes.Status403Forbidden, title: "Read-only")
                : await next(context);
    }
}
