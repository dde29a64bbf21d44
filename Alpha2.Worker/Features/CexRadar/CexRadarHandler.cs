using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.CexRadar;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>
/// A CEX radar search: new-listing announcements from every exchange (each one's failure isolated), those naming the
/// query, the Solana mint behind each, and its social buzz. Result: the UI rows; summary: which sources answered.
/// </summary>
internal sealed class CexRadarHandler(
    IEnumerable<IListingSource> sources,
    TokenResolver resolver,
    SocialFigures social,
    SocialTracker tracker,
    ProviderMetrics metrics,
    IOptions<CexRadarOptions> options) : IJobHandler
{
    public string Queue => QueueNames.CexRadar;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var query = ReadQuery(job.Json);
        var fetched = await Task.WhenAll(sources.Select(source => FetchAsync(source, cancellationToken)));
        var sourceStatus = fetched.ToDictionary(f => f.Exchange, f => f.Error ?? "ok");
        if (fetched.All(f => f.Error is not null))
        {
            throw new JobFailedException($"No exchange answered: {string.Join("; ", sourceStatus.Values)}", transient: true);
        }

        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = fetched.SelectMany(f => f.Announcements)
            .Where(a => ListingMatcher.Matches(a, query))
            .OrderByDescending(a => a.PublishedAt)
            .Take(options.Value.MaxRows)
            .ToArray();
        var rows = new List<CexListing>(matches.Length);
        var figures = new Dictionary<string, CexSocial>(StringComparer.Ordinal);
        foreach (var announcement in matches)
        {
            var token = await ResolveAsync(announcement, query, problems, cancellationToken);
            if (token is not null && !figures.ContainsKey(token.Mint))
            {
                figures[token.Mint] = await social.ReadAsync(token, problems, cancellationToken);
                await tracker.TrackAsync(token, figures[token.Mint]);
            }

            rows.Add(ToRow(announcement, token, token is null ? new CexSocial(0, 0) : figures[token.Mint]));
        }

        var summary = new CexRadarSummary(query, sourceStatus, problems, rows.Count);
        return new JobResult(
            JsonSerializer.SerializeToUtf8Bytes(rows.ToArray(), Alpha2Json.Default.CexListingArray),
            IsLatest: true,
            JsonSerializer.SerializeToUtf8Bytes(summary, CexRadarJson.Default.CexRadarSummary));
    }

    internal static CexListing ToRow(Announcement announcement, ResolvedToken? token, CexSocial social) => new(
        announcement.Exchange,
        announcement.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        announcement.PublishedAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        Team(announcement),
        token is null ? "" : $"https://birdeye.so/token/{token.Mint}",
        social,
        token?.Mint,
        token?.MatchMethod ?? MatchMethods.None,
        announcement.Title,
        announcement.Url);

    /// <summary>
    /// docs/domain.md §2.4: "doxxed" needs curated evidence; a Binance spot listing is such evidence (its announcement is the
    /// row's <c>announcement</c> link). Other exchanges list anonymous teams too often to say more than "unknown".
    /// </summary>
    private static string Team(Announcement announcement) => announcement.Exchange == "Binance" ? "doxxed" : "unknown";

    private async Task<ResolvedToken?> ResolveAsync(Announcement announcement, string query, Dictionary<string, string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return await resolver.ResolveAsync(announcement, query, cancellationToken);
        }
        catch (JobFailedException failure)
        {
            problems["birdeye"] = failure.Message;
            return null;
        }
    }

    /// <summary>One exchange's announcements, timed as parser work; a failure becomes that exchange's status line.</summary>
    private async Task<Fetched> FetchAsync(IListingSource source, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var announcements = await source.LatestAsync(cancellationToken);
            metrics.RecordCall(ProviderNames.Parser, Stopwatch.GetElapsedTime(started), 200);
            return new Fetched(source.Exchange, announcements, null);
        }
        catch (JobFailedException failure)
        {
            return new Fetched(source.Exchange, [], failure.Message);
        }
    }

    private static string ReadQuery(string json)
    {
        try
        {
            if (JsonSerializer.Deserialize(json, Alpha2Json.Default.CexRadarSearchRequest)?.Query is { } query
                && CexQuery.Normalize(query) is { Length: > 0 } normalized)
            {
                return normalized;
            }
        }
        catch (JsonException)
        {
        }

        throw new JobFailedException("The job needs a non-empty query.");
    }

    private sealed record Fetched(string Exchange, IReadOnlyList<Announcement> Announcements, string? Error);
}
