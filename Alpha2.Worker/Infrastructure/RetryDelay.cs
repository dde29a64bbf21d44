using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// How long a throttled provider asks us to wait: the <c>Retry-After</c> header (Groq, HTTP in general) or, for
/// Google APIs, <c>RetryInfo.retryDelay</c> in the error body (<c>"22s"</c>), which Gemini sends instead of a header.
/// </summary>
internal static class RetryDelay
{
    /// <summary>Longer waits are not worth holding a job slot for; the job-level retry takes over instead.</summary>
    public static readonly TimeSpan MaxHonored = TimeSpan.FromSeconds(30);

    public static async ValueTask<TimeSpan?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            return Clamp(header.Delta ?? header.Date - DateTimeOffset.UtcNow);
        }

        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        // Buffered, so the body is still there for the error message if this was the last attempt.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Clamp(GoogleRetryDelay(body));
    }

    /// <summary><c>{"error":{"details":[{"@type":"…RetryInfo","retryDelay":"22s"}]}}</c> → 22 s.</summary>
    internal static TimeSpan? GoogleRetryDelay(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || !error.TryGetProperty("details", out var details)
                || details.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var detail in details.EnumerateArray())
            {
                if (detail.TryGetProperty("retryDelay", out var delay) && delay.GetString() is { Length: > 1 } text && text.EndsWith('s')
                    && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static TimeSpan? Clamp(TimeSpan? delay) =>
        delay is not { } d ? null : d < TimeSpan.Zero ? TimeSpan.Zero : d > MaxHonored ? MaxHonored : d;
}
