using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace Alpha2.Api.Infrastructure;

/// <summary>
/// Turns what escapes an endpoint into problem+json without a stack trace: a client's bad request keeps its 4xx,
/// Redis being unreachable is 503 with Retry-After, anything else is a 500 that says nothing internal.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", BadRequestDetail(bad, httpContext)),
            RedisConnectionException or RedisTimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The job store is unreachable; retry shortly."),
            Alpha2.Queue.EnqueueNotReplicatedException =>
                (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                 "The job could not be copied to the job store's replicas in time and was withdrawn unless a worker had already taken it; retry shortly."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                (499, "Client closed request", null),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The error was logged."),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", httpContext.Request.Method, httpContext.Request.Path, status);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string BadRequestDetail(BadHttpRequestException exception, HttpContext context) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => $"The request body is larger than {RequestLimits.For(context) / 1024} KiB.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => exception.InnerException is System.Text.Json.JsonException
            ? "The request body is not valid JSON for this endpoint."
            : "The request could not be read.",
    };
}
