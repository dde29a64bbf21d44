using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alpha2.Worker.Providers.Groq;

/// <summary>
/// Reads Groq's 429 for a daily limit: "Rate limit reached for model `m` … on tokens per day (TPD): Limit 100000,
/// Used 97050, Requested 3619. Please try again in 9m38.016s." (requests per day, RPD, alike). The wait in the message
/// is when the rolling day frees enough; without it the <c>retry-after</c> header (docs/providers.md §5).
/// </summary>
internal static partial class GroqQuota
{
    /// <summary>Whether a 429 body says a daily limit is used up: the HTTP pipeline does not retry those.</summary>
    public static bool UsedUp(string body) => Read(body, retryAfter: null, DateTimeOffset.UtcNow) is not null;

    public static LlmQuota? Read(string? body, TimeSpan? retryAfter, DateTimeOffset now)
    {
        string? message;
        try
        {
            message = body is null ? null : JsonSerializer.Deserialize(body, GroqJson.Default.GroqErrorEnvelope)?.Error?.Message;
        }
        catch (JsonException)
        {
            return null;
        }

        if (message is null || DailyLimit().Match(message) is not { Success: true } daily)
        {
            return null;
        }

        var wait = TryAgainIn().Match(message) is { Success: true } again && Duration(again) is var said && said > TimeSpan.Zero ? said : retryAfter;
        // Neither said when: look again in an hour rather than block a whole day on a guess.
        var until = now + (wait ?? TimeSpan.FromHours(1));
        return new LlmQuota($"{daily.Groups["quota"].Value}, limit {daily.Groups["limit"].Value}", until, ZeroLimit: daily.Groups["limit"].Value == "0");
    }

    private static TimeSpan Duration(Match again) =>
        TimeSpan.FromHours(Number(again.Groups["h"])) + TimeSpan.FromMinutes(Number(again.Groups["m"])) + TimeSpan.FromSeconds(Number(again.Groups["s"]));

    private static double Number(Group group) =>
        group.Success ? double.Parse(group.Value, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"on (?<quota>(?:tokens|requests) per day \((?:TPD|RPD)\)): Limit (?<limit>\d+)")]
    private static partial Regex DailyLimit();

    [GeneratedRegex(@"try again in (?:(?<h>\d+)h)?(?:(?<m>\d+)m(?!s))?(?:(?<s>[\d.]+)s)?")]
    private static partial Regex TryAgainIn();
}
