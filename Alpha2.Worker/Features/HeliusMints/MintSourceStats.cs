using Alpha2.Contracts;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// What each source spent finding creates and how many it queued, per UTC day, and when it last ran: the metrics
/// panel's "which source feeds the list" and its credits per ingested mint (docs/domain.md §5). Fire-and-forget.
/// </summary>
internal sealed class MintSourceStats(IConnectionMultiplexer redis, TimeProvider clock)
{
    public void Record(string source, double credits, int creates)
    {
        var now = clock.GetUtcNow();
        var usage = RedisKeys.MintSourceUsage(DateOnly.FromDateTime(now.UtcDateTime));
        var batch = redis.GetDatabase().CreateBatch();
        _ = batch.HashSetAsync(RedisKeys.MintSources, source, now.ToUnixTimeMilliseconds(), flags: CommandFlags.FireAndForget);
        _ = batch.KeyExpireAsync(RedisKeys.MintSources, TimeSpan.FromDays(1), CommandFlags.FireAndForget);
        if (credits > 0)
        {
            _ = batch.HashIncrementAsync(usage, $"{source}:credits", credits, CommandFlags.FireAndForget);
        }

        if (creates > 0)
        {
            _ = batch.HashIncrementAsync(usage, $"{source}:creates", creates, CommandFlags.FireAndForget);
        }

        _ = batch.KeyExpireAsync(usage, TimeSpan.FromDays(35), CommandFlags.FireAndForget);
        batch.Execute();
    }
}
