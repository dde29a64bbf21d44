using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using StackExchange.Redis;

namespace Alpha2.Api.Metrics;

/// <summary>One source's figures: its name, and today's credits per create it found (null before its first).</summary>
internal sealed record MintSourceFigures(string Source, decimal? CreditsPerMint);

/// <summary>
/// Which source feeds the mint list (the one that ran last, within a few minutes; else only webhooks do) and what it
/// spent today per create it queued (docs/domain.md §5).
/// </summary>
internal sealed class MintSourceReader(IConnectionMultiplexer redis, TimeProvider clock)
{
    // The poller runs every HELIUS_POLL_SECONDS (60 by default) and the stream books each create: a source quiet for
    // longer than this is not feeding the list.
    private static readonly TimeSpan Lively = TimeSpan.FromMinutes(10);

    public async Task<MintSourceFigures> ReadAsync()
    {
        var now = clock.GetUtcNow();
        var db = redis.GetDatabase();
        var seen = await db.HashGetAllAsync(RedisKeys.MintSources);
        var usage = (await db.HashGetAllAsync(RedisKeys.MintSourceUsage(DateOnly.FromDateTime(now.UtcDateTime)))).ToDictionary(e => e.Name.ToString(), e => e.Value);
        var latest = seen.Where(e => e.Value.TryParse(out long at) && now.ToUnixTimeMilliseconds() - at < Lively.TotalMilliseconds)
            .OrderByDescending(e => (long)e.Value).Select(e => e.Name.ToString()).FirstOrDefault();
        if (latest is null)
        {
            return new MintSourceFigures(MintSourceNames.Webhook, null);
        }

        var credits = usage.TryGetValue($"{latest}:credits", out var c) ? (decimal)(double)c : 0;
        var creates = usage.TryGetValue($"{latest}:creates", out var n) ? (long)n : 0;
        return new MintSourceFigures(latest, creates > 0 ? Math.Round(credits / creates, 2) : null);
    }
}
