using System.Text.Json;

namespace Alpha2.Worker.Providers.Gemini;

/// <summary>
/// Reads a 429 <c>RESOURCE_EXHAUSTED</c> for a quota that will not recover within the minute: a <c>QuotaFailure</c>
/// violation whose <c>quotaId</c> is per day, or whose <c>quotaValue</c> (or the message's <c>limit: 0</c>) is 0.
/// Gemini's daily quotas reset at midnight Pacific time (docs/providers.md §4); per-minute ones are left to Retry-After.
/// </summary>
internal static class GeminiQuota
{
    private static readonly TimeZoneInfo Pacific = FindPacific();

    /// <summary>Whether a 429 body says such a quota is used up: the HTTP pipeline does not retry those.</summary>
    public static bool UsedUp(string body) => Read(body, DateTimeOffset.UtcNow) is not null;

    public static LlmQuota? Read(string? body, DateTimeOffset now)
    {
        GeminiError? error;
        try
        {
            error = body is null ? null : JsonSerializer.Deserialize(body, GeminiJson.Default.GeminiErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }

        if (error is not { Status: "RESOURCE_EXHAUSTED" })
        {
            return null;
        }

        var violations = (error.Details ?? []).SelectMany(d => d.Violations ?? []).ToArray();
        var zeroLimit = violations.Any(v => v.QuotaValue == "0") || error.Message?.Contains("limit: 0", StringComparison.Ordinal) == true;
        var perDay = violations.FirstOrDefault(v => v.QuotaId?.Contains("PerDay", StringComparison.Ordinal) == true);
        if (!zeroLimit && perDay is null)
        {
            return null;
        }

        var named = violations.FirstOrDefault(v => v.QuotaValue == "0") ?? perDay ?? violations.FirstOrDefault();
        var limit = zeroLimit ? "0" : named?.QuotaValue;
        var quota = (named?.QuotaId ?? named?.QuotaMetric ?? "a free-tier quota") + (limit is null ? "" : $", limit {limit}");
        return new LlmQuota(quota, NextPacificMidnight(now), zeroLimit);
    }

    internal static DateTimeOffset NextPacificMidnight(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight));
    }

    // A runtime image without time zone data gets UTC−8, Pacific standard time: in summer that is an hour past the
    // reset, so a block never ends before the quota is back.
    private static TimeZoneInfo FindPacific() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("America/Los_Angeles", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("UTC-8", TimeSpan.FromHours(-8), "UTC-8", "UTC-8");
}
