using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.AiInfer;

/// <summary>
/// The models whose quota is used up, shared by every replica through one Redis hash (docs/domain.md §6). Each worker
/// reads it at most once a second and answers from memory in between, so checking a prompt costs no round trip; a block
/// another replica wrote is obeyed here within that second.
/// </summary>
internal sealed class AiQuotaBlocks(IConnectionMultiplexer redis, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Snapshot _snapshot = new(DateTimeOffset.MinValue, new Dictionary<string, AiQuotaBlock>(StringComparer.Ordinal));
    private Task<Snapshot>? _reading;

    /// <summary>The block on <paramref name="model"/> if it has not ended yet.</summary>
    public async ValueTask<AiQuotaBlock?> FindAsync(string model)
    {
        var now = clock.GetUtcNow();
        var snapshot = await FreshAsync(now);
        return snapshot.Blocks.TryGetValue(model, out var block) && block.UntilTime > now ? block : null;
    }

    /// <summary>Every model blocked now: for naming an alternative that is not blocked too.</summary>
    public async ValueTask<IReadOnlySet<string>> BlockedModelsAsync()
    {
        var now = clock.GetUtcNow();
        var snapshot = await FreshAsync(now);
        return snapshot.Blocks.Values.Where(b => b.UntilTime > now).Select(b => b.Model).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The blocks as read at most <see cref="Freshness"/> ago, with this replica's own since then.</summary>
    private ValueTask<Snapshot> FreshAsync(DateTimeOffset now)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return now - snapshot.ReadAt < Freshness ? ValueTask.FromResult(snapshot) : new ValueTask<Snapshot>(ReadOnceAsync());
    }

    /// <summary>Stops prompts to the block's model, on every replica, until the block's time.</summary>
    public async Task BlockAsync(AiQuotaBlock block)
    {
        var db = redis.GetDatabase();
        var json = JsonSerializer.Serialize(block, Alpha2Json.Default.AiQuotaBlock);
        await db.HashSetAsync(RedisKeys.AiQuotaBlocks, block.Model, json);
        // GT: the key lives as long as its latest block, whichever replica wrote it.
        await db.KeyExpireAsync(RedisKeys.AiQuotaBlocks, block.UntilTime.UtcDateTime, ExpireWhen.GreaterThanCurrentExpiry);
        lock (_gate)
        {
            var blocks = new Dictionary<string, AiQuotaBlock>(_snapshot.Blocks, StringComparer.Ordinal) { [block.Model] = block };
            _snapshot = _snapshot with { Blocks = blocks };
        }
    }

    /// <summary>One read of the hash at a time; callers that arrive meanwhile share it.</summary>
    private Task<Snapshot> ReadOnceAsync()
    {
        lock (_gate)
        {
            return _reading is { IsCompleted: false } reading ? reading : _reading = ReadAsync();
        }
    }

    private async Task<Snapshot> ReadAsync()
    {
        var now = clock.GetUtcNow();
        var stored = await redis.GetDatabase().HashValuesAsync(RedisKeys.AiQuotaBlocks);
        var blocks = AiQuotaBlock.Live(stored.ToStringArray(), now).ToDictionary(block => block.Model, StringComparer.Ordinal);
        var snapshot = new Snapshot(now, blocks);
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, IReadOnlyDictionary<string, AiQuotaBlock> Blocks);
}
