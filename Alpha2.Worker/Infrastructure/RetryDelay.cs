using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// How long a throttled provider asks us to wait: the <c>Retry-After</c> header (Groq, HTTP in general) or, for
/// Google APIs, <c>RetryInfo.retryDelay</c> in the error body (<c>"22s"</c>), which Gemini sends instead of a header.
/// </summary>
internal static class RetryDelay
{
    /// <summary>
    /// The longest wait the HTTP pipeline sleeps through inside one attempt. A longer one is not worth holding a job
    /// slot for: the call is not retried, and the job waits in the queue's delayed set instead (docs/providers.md §8).
    /// </summary>
    public static readonly TimeSpan MaxHonored = TimeSpan.FromSeconds(30);

    /// <summary>The wait the response asks for, if any, never negative; the body stays readable afterwards.</summary>
    public static async ValueTask<TimeSpan?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (FromHeader(response.Headers) is { } header)
        {
            return header;
        }

        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        // Buffered, so the body is still there for the error message if this was the last attempt.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return NotNegative(GoogleRetryDelay(body));
    }

    /// <summary>The same, from what Refit kept of a failed call: its headers and its body.</summary>
    public static TimeSpan? From(HttpResponseHeaders? headers, string? body) =>
        (headers is null ? null : FromHeader(headers)) ?? (body is null ? null : NotNegative(GoogleRetryDelay(body)));

    private static TimeSpan? FromHeader(HttpResponseHeaders headers) =>
        headers.RetryAfter is { } header ? NotNegative(header.Delta ?? header.Date - DateTimeOffset.UtcNow) : null;

    /// <summary>
    /// <c>{"error":{"details":[{"@type":"…RetryInfo","retryDelay":"22s"}]}}</c> → 22 s; any other JSON (other providers'
    /// bodies, such as <c>{"error":"Too many requests"}</c>) → null.
    /// </summary>
    internal static TimeSpan? GoogleRetryDelay(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (Property(document.RootElement, "error") is not { } error || Property(error, "details") is not { ValueKind: JsonValueKind.Array } details)
            {
                return null;
            }

            foreach (var detail in details.EnumerateArray())
            {
                if (Property(detail, "retryDelay") is { ValueKind: JsonValueKind.String } delay && delay.GetString() is { Length: > 1 } text && text.EndsWith('s')
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

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static TimeSpan? NotNegative(TimeSpan? delay) => delay is { } d && d < TimeSpan.Zero ? TimeSpan.Zero : delay;
}
