using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Retry;

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
    /// <summary>The pipeline; a 429 whose body <paramref name="quotaUsedUp"/> recognises is not retried.</summary>
    public static IHttpClientBuilder AddProviderResilience(this IHttpClientBuilder builder, Func<string, bool>? quotaUsedUp = null)
    {
        builder.AddStandardResilienceHandler()
            .Configure((pipeline, services) => Apply(pipeline, services.GetRequiredService<IOptions<ProviderResilienceOptions>>().Value, quotaUsedUp));
        return builder;
    }

    private static void Apply(HttpStandardResilienceOptions pipeline, ProviderResilienceOptions options, Func<string, bool>? quotaUsedUp)
    {
        pipeline.AttemptTimeout.Timeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
        pipeline.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds);
        pipeline.Retry.MaxRetryAttempts = Math.Max(options.Retries, 1);
        pipeline.Retry.Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs);
        // Replaces the standard Retry-After reader with one that also knows Gemini's RetryInfo; null = jittered backoff.
        pipeline.Retry.DelayGenerator = args => args.Outcome.Result is { } response
            ? RetryDelay.ReadAsync(response, args.Context.CancellationToken)
            : ValueTask.FromResult<TimeSpan?>(null);
        pipeline.Retry.ShouldHandle = options.Retries == 0
            ? _ => ValueTask.FromResult(false)
            : args => ShouldRetryAsync(args, quotaUsedUp);

        // The breaker must sample over at least twice the attempt timeout (the options validator's rule).
        pipeline.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, options.AttemptTimeoutSeconds * 2));
    }

    /// <summary>
    /// The standard transient outcomes, but for a wait longer than an attempt should sleep through, or a quota no wait
    /// cures: those go back to the caller, who parks the job or fails it instead (docs/providers.md §8).
    /// </summary>
    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args, Func<string, bool>? quotaUsedUp)
    {
        if (!HttpClientResiliencePredicates.IsTransient(args.Outcome))
        {
            return false;
        }

        if (args.Outcome.Result is not { } response)
        {
            return true;
        }

        var cancellationToken = args.Context.CancellationToken;
        return !(await RetryDelay.ReadAsync(response, cancellationToken) > RetryDelay.MaxHonored
            || await QuotaUsedUpAsync(response, quotaUsedUp, cancellationToken));
    }

    private static async ValueTask<bool> QuotaUsedUpAsync(HttpResponseMessage response, Func<string, bool>? quotaUsedUp, CancellationToken cancellationToken)
    {
        if (quotaUsedUp is null || response.StatusCode != System.Net.HttpStatusCode.TooManyRequests)
        {
            return false;
        }

        // Buffered, so the caller still reads the body for its error message.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return quotaUsedUp(await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
