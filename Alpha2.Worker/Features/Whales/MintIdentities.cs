using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Worker.Providers.Helius;
using Alpha2.Worker.Stores;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.Whales;

/// <summary>A mint's symbol and creator: from its feed row when it has one, else the DAS symbol, cached for a day.</summary>
internal sealed class MintIdentities(MintFeed feed, HeliusRpc rpc, IConnectionMultiplexer redis)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromDays(1);

    public async Task<(string Symbol, string? Creator)> ReadAsync(string mint, CancellationToken cancellationToken)
    {
        if (await feed.RowAsync(mint) is { } stored && JsonSerializer.Deserialize(stored, Alpha2Json.Default.MintRow) is { } row)
        {
            return (row.Symbol ?? row.Name.TrimStart('$'), row.Creator);
        }

        var db = redis.GetDatabase();
        if (await db.StringGetAsync(RedisKeys.MintSymbolCache(mint)) is { IsNull: false } cached)
        {
            return (cached.ToString(), null);
        }

        var asset = await rpc.GetAssetAsync(mint, cancellationToken);
        var symbol = asset?.Content?.Metadata?.Symbol ?? asset?.TokenInfo?.Symbol ?? "";
        await db.StringSetAsync(RedisKeys.MintSymbolCache(mint), symbol, CacheLifetime);
        return (symbol, null);
    }
}
