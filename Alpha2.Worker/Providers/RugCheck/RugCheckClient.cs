using System.Text.Json;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Providers.RugCheck;

/// <summary>The danger-level risk names of a mint's RugCheck summary, within the shared requests-per-second budget.</summary>
internal sealed class RugCheckClient(IRugCheckApi api, IConfiguration configuration, ProviderRateLimiter limiter, IOptions<RugCheckOptions> options)
{
    public const string KeyVariable = "RUGCHECK_API_KEY";

    public async Task<IReadOnlyList<string>> DangersAsync(string mint, CancellationToken cancellationToken)
    {
        await limiter.WaitTurnAsync(ProviderNames.RugCheck, options.Value.PerSecond, cancellationToken);
        var key = configuration[KeyVariable] is { Length: > 0 } value ? value : null;
        var summary = await ProviderFailures.CallAsync(
            "RugCheck", key is null ? null : KeyVariable, () => api.SummaryAsync(mint, key, cancellationToken), ReadError, cancellationToken);
        if (summary.Error is { Length: > 0 } error)
        {
            throw new JobFailedException($"RugCheck has no report for this mint: {error}");
        }

        return (summary.Risks ?? []).Where(r => r.Level == "danger" && r.Name is not null).Select(r => r.Name!).ToArray();
    }

    private static string? ReadError(string? body)
    {
        try
        {
            return body is null ? null : JsonSerializer.Deserialize(body, RugCheckJson.Default.RugCheckSummary)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
