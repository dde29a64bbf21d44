using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Worker.Stores;

/// <summary>
/// The feed in Redis: one row per mint, newest first, capped, and the JSON the API serves rebuilt in the same script,
/// so a reader never sees a half-added row. The script also keeps the "original" index (docs/domain.md §2.2): the earliest
/// mint of each normalised symbol within the window; a row that arrives later than its copy flips the copy's flag.
/// </summary>
internal sealed class MintFeed(IConnectionMultiplexer redis)
{
    // Rows are written by our serializer, so '"original":true' appears exactly once, verbatim, in every original's row.
    private static readonly LuaScript Add = LuaScript.Prepare("""
        local existing = redis.call('HGET', @rows, @mint)
        if existing then return existing end
        local row = @row
        local first = redis.call('GET', @symbol)
        local firstTime, firstMint
        if first then firstTime, firstMint = string.match(first, '^(%d+)|(.+)$') end
        if firstMint and firstMint ~= @mint and tonumber(firstTime) <= tonumber(@blockTime) then
          row = string.gsub(row, '"original":true', '"original":false,"original_mint":"' .. firstMint .. '"', 1)
        else
          redis.call('SET', @symbol, @blockTime .. '|' .. @mint, 'EX', @windowSeconds)
          if firstMint and firstMint ~= @mint then
            local copy = redis.call('HGET', @rows, firstMint)
            if copy then
              redis.call('HSET', @rows, firstMint, (string.gsub(copy, '"original":true', '"original":false,"original_mint":"' .. @mint .. '"', 1)))
            end
          end
        end
        redis.call('HSET', @rows, @mint, row)
        redis.call('ZADD', @order, @blockTime, @mint)
        if @recheck ~= '' then
          redis.call('ZADD', @due, @dueAt, @mint)
          redis.call('HSET', @recheckState, @mint, @recheck)
        end
        local excess = redis.call('ZCARD', @order) - tonumber(@cap)
        if excess > 0 then
          local dropped = redis.call('ZRANGE', @order, 0, excess - 1)
          redis.call('ZREMRANGEBYRANK', @order, 0, excess - 1)
          redis.call('HDEL', @rows, unpack(dropped))
          redis.call('ZREM', @due, unpack(dropped))
          redis.call('HDEL', @recheckState, unpack(dropped))
        end
        local mints = redis.call('ZREVRANGE', @order, 0, -1)
        redis.call('SET', @latest, '[' .. table.concat(redis.call('HMGET', @rows, unpack(mints)), ',') .. ']')
        redis.call('PUBLISH', @latestChannel, @queue)
        return row
        """);

    /// <summary>The mint's stored row, or null when the feed does not have it.</summary>
    public async Task<byte[]?> RowAsync(string mint) => await redis.GetDatabase().HashGetAsync(RedisKeys.MintRows, mint) is { IsNull: false } row ? (byte[])row! : null;

    /// <summary>
    /// Adds the row unless its mint is already in the feed, keeping at most <paramref name="maxRows"/>; the earliest mint
    /// of <paramref name="symbolKey"/> stays its original for <paramref name="originalWindow"/>. Returns the row as stored
    /// (or as it was). A new row with a <paramref name="recheck"/> enters the safety re-check schedule, first due at
    /// <paramref name="recheckDue"/> (unix s); a row dropped by the cap leaves it (docs/domain.md §2.1.1).
    /// </summary>
    public async Task<byte[]> AddAsync(MintRow row, long blockTime, string symbolKey, TimeSpan originalWindow, int maxRows, MintRecheck? recheck = null, long recheckDue = 0)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Add, new
        {
            rows = (RedisKey)RedisKeys.MintRows,
            order = (RedisKey)RedisKeys.MintOrder,
            latest = (RedisKey)QueueKeys.Latest(QueueNames.HeliusMints),
            latestChannel = QueueKeys.LatestChangedChannel,
            queue = QueueNames.HeliusMints,
            symbol = (RedisKey)RedisKeys.MintSymbol(symbolKey),
            mint = row.Mint,
            row = JsonSerializer.SerializeToUtf8Bytes(row with { Original = true, OriginalMint = null }, Alpha2Json.Default.MintRow),
            blockTime,
            windowSeconds = (long)originalWindow.TotalSeconds,
            cap = maxRows,
            due = (RedisKey)RedisKeys.MintRecheckDue,
            recheckState = (RedisKey)RedisKeys.MintRecheckState,
            recheck = recheck is null ? [] : JsonSerializer.SerializeToUtf8Bytes(recheck, Alpha2Json.Default.MintRecheck),
            dueAt = recheckDue,
        });
        return (byte[])result!;
    }

    /// <summary>The newest mints of the feed, for a whale scan without a list.</summary>
    public async Task<IReadOnlyList<string>> LatestMintsAsync(int count) =>
        (await redis.GetDatabase().SortedSetRangeByRankAsync(RedisKeys.MintOrder, 0, count - 1, Order.Descending)).Select(m => m.ToString()).ToArray();
}
