using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.CexRadar;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>
/// Every APIFY_INTERVAL_MINUTES, on one replica at a time: fresh social figures for the tokens recent searches found,
/// written into the latest search result the UI reads. Each run's yield feeds the "lower the frequency" suggestion.
/// </summary>
internal sealed partial class SocialRefresher(
    SocialTracker tracker,
    SocialFigures social,
    IConnectionMultiplexer redis,
    Lease leases,
    ProviderMetrics metrics,
    IOptions<CexRadarOptions> options,
    IOptions<WorkerOptions> worker,
    TimeProvider clock,
    ILogger<SocialRefresher> logger) : BackgroundService
{
    public const string PollerName = PollerNames.Apify;

    private TimeSpan Interval => TimeSpan.FromMinutes(options.Value.ApifyIntervalMinutes);

    /// <summary>One refresh; returns how many tokens it refreshed (0 when another replica holds the lease).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync("cex-social", worker.Value.WorkerId, Interval))
        {
            return 0;
        }

        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var fresh = new Dictionary<string, CexSocial>(StringComparer.Ordinal);
        foreach (var token in await tracker.TrackedAsync())
        {
            fresh[token.Mint] = await social.ReadAsync(token, problems, cancellationToken);
            await tracker.RefreshedAsync(token.Mint, fresh[token.Mint]);
        }

        await RewriteLatestAsync(fresh);
        metrics.RecordPollerRun(PollerName, fresh.Values.Sum(s => s.Tw1h), Interval);
        foreach (var (source, problem) in problems)
        {
            LogProblem(source, problem);
        }

        return fresh.Count;
    }

    /// <summary>The latest result's rows with the new figures; rows of other tokens stay as they were.</summary>
    private async Task RewriteLatestAsync(Dictionary<string, CexSocial> fresh)
    {
        var db = redis.GetDatabase();
        var stored = await db.StringGetAsync(QueueKeys.Latest(QueueNames.CexRadar));
        if (fresh.Count == 0 || stored.IsNull || JsonSerializer.Deserialize((byte[])stored!, Alpha2Json.Default.CexListingArray) is not { } rows)
        {
            return;
        }

        var updated = rows.Select(row => row.Mint is { } mint && fresh.TryGetValue(mint, out var figures) ? row with { Social = figures } : row).ToArray();
        // Written and announced in one round trip; the connection keeps their order.
        var write = db.StringSetAsync(QueueKeys.Latest(QueueNames.CexRadar), JsonSerializer.SerializeToUtf8Bytes(updated, Alpha2Json.Default.CexListingArray), expiry: null, keepTtl: true);
        var announce = db.PublishAsync(RedisChannel.Literal(QueueKeys.LatestChangedChannel), QueueNames.CexRadar);
        await write;
        await announce;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.TickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or JobFailedException)
            {
                LogProblem("refresh", exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Social refresh: {Source}: {Problem}")]
    private partial void LogProblem(string source, string problem);
}
