using System.Globalization;
using System.Text.RegularExpressions;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers.Apify;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>
/// <c>social.tw_1h</c> (docs/domain.md §0): unique posts of the last 60 minutes that mention the cashtag or the mint,
/// from one capped Apify tweet-scraper run. A name-only mention does not count.
/// </summary>
internal sealed class TweetCounter(IApifyApi api, IConfiguration configuration, ProviderMetrics metrics, TimeProvider clock)
{
    public const string KeyVariable = "APIFY_TOKEN";
    public const string Actor = "apidojo~tweet-scraper";

    private int MaxItems => configuration.GetValue("APIFY_MAX_ITEMS", 100);

    public async Task<int> CountLastHourAsync(string symbol, string mint, CancellationToken cancellationToken)
    {
        var token = ProviderFailures.RequireKey(configuration, "Apify", KeyVariable);
        var now = clock.GetUtcNow();
        var cashtag = $"${symbol.TrimStart('$')}";
        var input = new ApifyTweetInput([$"{cashtag} OR {mint}"], MaxItems, "Latest", now.AddHours(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var run = (await ProviderFailures.CallAsync("Apify", KeyVariable, () => api.RunAsync(Actor, input, token, cancellationToken), _ => null, cancellationToken)).Data;
        metrics.AddCredits(ProviderNames.Apify, (double)((run?.UsageTotalUsd ?? 0) * 100));
        if (run is not { Status: "SUCCEEDED", DefaultDatasetId: { } dataset })
        {
            throw new JobFailedException($"The Apify tweet run ended {run?.Status ?? "without a run object"}.", transient: true);
        }

        var items = await ProviderFailures.CallAsync("Apify", KeyVariable, () => api.ItemsAsync(dataset, token, cancellationToken), _ => null, cancellationToken);
        return items
            .Where(t => t.NoResults != true && t.Id is not null && PostedAfter(t.CreatedAt, now.AddHours(-1)))
            .Where(t => Mentions(t.FullText ?? t.Text, cashtag, mint))
            .Select(t => t.Id)
            .Distinct(StringComparer.Ordinal)
            .Count();
    }

    /// <summary>The mint anywhere, or the cashtag as a whole token: <c>$OPT</c> does not count for <c>$OPTIMUS</c>.</summary>
    private static bool Mentions(string? text, string cashtag, string mint) =>
        text is not null
        && (text.Contains(mint, StringComparison.Ordinal)
            || Regex.IsMatch(text, $@"{Regex.Escape(cashtag)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    /// <summary>Twitter's <c>Tue Oct 08 14:04:05 +0000 2024</c>, or ISO 8601.</summary>
    private static bool PostedAfter(string? createdAt, DateTimeOffset since) =>
        (DateTimeOffset.TryParseExact(createdAt, "ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
         || DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        && at >= since;
}
