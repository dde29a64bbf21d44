using System.Net;
using Alpha2.Queue.Consumer;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// Turns what a provider call threw into a job failure a person can read: throttling, outages and timeouts are
/// transient (retried within the job's budget); a refused key or a rejected request is not.
/// </summary>
internal static class ProviderFailures
{
    private const int MaxDetailLength = 300;

    /// <summary>The provider's key from its environment variable, or a job failure naming that variable.</summary>
    public static string RequireKey(IConfiguration configuration, string provider, string keyVariable) =>
        configuration[keyVariable] is { Length: > 0 } key && !string.IsNullOrWhiteSpace(key)
            ? key
            : throw new JobFailedException($"{keyVariable} is not set; {provider} jobs cannot run.");

    /// <summary>
    /// Runs one provider call (<paramref name="keyVariable"/> null for keyless providers); anything it throws (but our own cancellation) becomes a readable job failure.
    /// <paramref name="readError"/> turns the provider's error body into a short reason.
    /// </summary>
    public static async Task<T> CallAsync<T>(
        string provider, string? keyVariable, Func<Task<T>> call, Func<string?, string?> readError, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw From(provider, keyVariable, exception, readError);
        }
    }

    public static JobFailedException From(string provider, string? keyVariable, Exception exception, Func<string?, string?> readError)
    {
        if (TooLarge(exception) is { } tooLarge)
        {
            return new JobFailedException($"{provider}: {tooLarge.Message}", transient: false, exception);
        }

        return exception switch
        {
            ApiRequestException { InnerException: { } inner } => From(provider, keyVariable, inner, readError),
            // Refit reports a 2xx body it could not read (an HTML page, a WAF challenge) as an ApiException too.
            ApiException { StatusCode: >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices } =>
                new JobFailedException($"{provider} answered with a body that is not its documented JSON.", transient: false, exception),
            ApiException api => FromStatus(provider, keyVariable, Trim(readError(api.Content)), api),
            BrokenCircuitException => new JobFailedException($"{provider} is failing repeatedly; calls are paused for a while (circuit open).", transient: true, exception),
            TimeoutRejectedException => new JobFailedException($"{provider} did not answer in time.", transient: true, exception),
            HttpRequestException http => new JobFailedException($"{provider} could not be reached ({http.HttpRequestError}).", transient: true, exception),
            System.Text.Json.JsonException => new JobFailedException($"{provider} answered with a body that is not its documented JSON.", transient: false, exception),
            _ => new JobFailedException($"{provider} call failed ({exception.GetType().Name}).", transient: false, exception),
        };
    }

    /// <summary>The size cap's refusal, wherever Refit or the pipeline wrapped it.</summary>
    private static HttpRequestException? TooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is HttpRequestException { StatusCode: HttpStatusCode.RequestEntityTooLarge } tooLarge)
            {
                return tooLarge;
            }
        }

        return null;
    }

    private static JobFailedException FromStatus(string provider, string? keyVariable, string? detail, ApiException inner)
    {
        var code = (int)inner.StatusCode;
        var suffix = detail is null ? "" : $": {detail}";
        return code switch
        {
            401 or 403 when keyVariable is not null =>
                new JobFailedException($"{provider} refused the API key ({code}); check {keyVariable}{suffix}", transient: false, inner),
            401 or 403 => new JobFailedException($"{provider} refused access ({code}){suffix}", transient: false, inner),
            // The wait it asked for and the pipeline did not sleep through (RetryDelay.MaxHonored) goes to the queue.
            408 or 429 => new JobFailedException($"{provider} is rate limiting or timed out ({code}){suffix}", transient: true, inner)
            {
                RetryAfter = RetryDelay.From(inner.Headers, inner.Content),
            },
            >= 500 => new JobFailedException($"{provider} had a server error ({code}){suffix}", transient: true, inner)
            {
                RetryAfter = RetryDelay.From(inner.Headers, inner.Content),
            },
            _ => new JobFailedException($"{provider} rejected the request ({code}){suffix}", transient: false, inner),
        };
    }

    private static string? Trim(string? detail) =>
        string.IsNullOrWhiteSpace(detail) ? null : detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength] + "…";
}
