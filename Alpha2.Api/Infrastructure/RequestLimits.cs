using Microsoft.AspNetCore.Http.Metadata;

namespace Alpha2.Api.Infrastructure;

internal static class RequestLimits
{
    /// <summary>No Alpha2 request body is near this; a bigger one is a mistake or abuse.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The body limit of the request's endpoint: its own (a webhook's batches), else <see cref="MaxBodyBytes"/>.</summary>
    public static long For(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;

    /// <summary>
    /// Rejects a declared oversize body before anything reads it (Kestrel's own limit catches chunked bodies
    /// as they are read; this also holds under the test server, which has none).
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > For(context))
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        await next(context);
    });
}
