using Alpha2.Contracts;
using Alpha2.Contracts.CexRadar;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>
/// Remembers the tokens recent searches found, with their latest social figures, for the refresher. A token is kept
/// for the tracking window after the search that found it: refreshing its figures does not extend it.
/// </summary>
internal sealed class SocialTracker(IConnectionMultiplexer redis, IOptions<CexRadarOptions> options, TimeProvider clock)
{
    // Only while the token's hash lives: a refresh racing its expiry must not bring it back without a TTL.
    private static readonly LuaScript Refresh = LuaScript.Prepare("""
        if redis.call('EXISTS', @key) == 0 then return 0 end
        redis.call('HSET', @key, 'tw_1h', @tw, 'tg_online', @tg, 'refreshed_at', @now)
        return 1
        """);

    private TimeSpan Window => TimeSpan.FromHours(options.Value.TrackHours);

    /// <summary>A search found <paramref name="token"/>: tracked for the window from now, with its first figures.</summary>
    public async Task TrackAsync(ResolvedToken token, CexSocial social)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var key = RedisKeys.CexToken(token.Mint);
        var batch = redis.GetDatabase().CreateBatch();
        var tasks = new Task[]
        {
            batch.SortedSetAddAsync(RedisKeys.CexTracked, token.Mint, now),
            batch.HashSetAsync(key,
            [
                new("symbol", token.Symbol),
                new("telegram", token.Telegram ?? ""),
                new("tw_1h", social.Tw1h),
                new("tg_online", social.TgOnline),
                new("refreshed_at", now),
            ]),
            batch.KeyExpireAsync(key, Window),
        };
        batch.Execute();
        await Task.WhenAll(tasks);
    }

    /// <summary>The refresher's new figures for a tracked token; its window stays the one its search started.</summary>
    public Task RefreshedAsync(string mint, CexSocial social) =>
        redis.GetDatabase().ScriptEvaluateAsync(Refresh, new
        {
            key = (RedisKey)RedisKeys.CexToken(mint),
            tw = social.Tw1h,
            tg = social.TgOnline,
            now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        });

    /// <summary>The tokens searched within the tracking window; older ones are forgotten on the way.</summary>
    public async Task<IReadOnlyList<ResolvedToken>> TrackedAsync()
    {
        var db = redis.GetDatabase();
        var cutoff = clock.GetUtcNow().Add(-Window).ToUnixTimeMilliseconds();
        await db.SortedSetRemoveRangeByScoreAsync(RedisKeys.CexTracked, double.NegativeInfinity, cutoff);
        var tokens = new List<ResolvedToken>();
        foreach (var mint in await db.SortedSetRangeByRankAsync(RedisKeys.CexTracked))
        {
            var fields = await db.HashGetAsync(RedisKeys.CexToken(mint!), ["symbol", "telegram"]);
            if (!fields[0].IsNullOrEmpty)
            {
                tokens.Add(new ResolvedToken(mint!, fields[0]!, MatchMethods.None, fields[1].IsNullOrEmpty ? null : (string?)fields[1]));
            }
        }

        return tokens;
    }
}
