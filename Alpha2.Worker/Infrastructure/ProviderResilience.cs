using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// The one resilience pipeline every provider client uses (the standard one: total timeout → retry with jittered
/// backoff honouring Retry-After → circuit breaker → attempt timeout). Environment: PROVIDER_RETRIES,
/// PROVIDER_RETRY_DELAY_MS, PROVIDER_ATTEMPT_TIMEOUT_SECONDS, PROVIDER_TOTAL_TIMEOUT_SECONDS.
/// </summary>
internal sealed class ProviderResilienceOptions
{
    [Range(0, 10)]
    public int Retries { get; set; } = 2;

    [Range(1, 60_000)]
    public int RetryDelayMs { get; set; } = 1_000;

    /// <summary>LLM answers take seconds; the standard 10 s would cut off long ones.</summary>
    [Range(1, 600)]
    public int AttemptTimeoutSeconds { get; set; } = 60;

    [Range(1, 1800)]
    public int TotalTimeoutSeconds { get; set; } = 150;
}

internal static class ProviderResilience
{
    public static IHttpClientBuilder AddProviderResilience(this IHttpClientBuilder builder)
    {
        builder.AddStandardResilienceHandler()
            .Configure((pipeline, services) => Apply(pipeline, services.GetRequiredService<IOptions<ProviderResilienceOptions>>().Value));
        return builder;
    }

    private static void Apply(HttpStandardResilienceOptions pipeline, ProviderResilienceOptions options)
    {
        pipeline.AttemptTimeout.Timeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
        pipeline.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds);
        pipeline.Retry.MaxRetryAttempts = Math.Max(options.Retries, 1);
        pipeline.Retry.Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs);
        // Replaces the standard Retry-After reader with one that also knows Gemini's RetryInfo; null = jittered backoff.
        pipeline.Retry.DelayGenerator = args => args.Outcome.Result is { } response
            ? RetryDelay.ReadAsync(response, args.Context.CancellationToken)
            : ValueTask.FromResult<TimeSpan?>(null);
        if (options.Retries == 0)
        {
            pipeline.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        // The breaker must sample over at least twice the attempt timeout (the options validator's rule).
        pipeline.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, options.AttemptTimeoutSeconds * 2));
    }
}
