using System.Globalization;
using System.Threading.RateLimiting;

namespace Alpha2.Api.Infrastructure;

/// <summary>
/// Per-client limits on the endpoints that queue work: RATE_LIMIT_PER_MINUTE requests per client per minute
/// (0 = off), each API replica counting its own. A client is its IP address: a header it chooses (even the API key)
/// would let one client pose as many.
/// Over the limit: 429 problem+json with Retry-After.
/// </summary>
internal static class ClientRateLimits
{
    public const string Policy = "per-client";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RATE_LIMIT_PER_MINUTE", 120);
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => perMinute <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"At most {perMinute} requests a minute per client." },
                });
            };
        });
    }

}
