using System.Globalization;
using Alpha2.Contracts;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Providers.Birdeye;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.Whales;

/// <summary>
/// A graduated token's price in SOL from Birdeye: its USD price over SOL's, SOL's cached for a minute across replicas
/// because every mint of a scan needs it.
/// </summary>
internal sealed class TokenPrices(BirdeyeClient birdeye, IConnectionMultiplexer redis)
{
    private const string WrappedSol = "So11111111111111111111111111111111111111112";
    private static readonly TimeSpan SolPriceLifetime = TimeSpan.FromSeconds(60);

    public async Task<decimal> SolPerTokenAsync(string mint, CancellationToken cancellationToken)
    {
        var token = (await birdeye.PriceAsync(mint, cancellationToken))?.Value;
        var sol = await SolUsdAsync(cancellationToken);
        return token is > 0 ? token.Value / sol : throw new JobFailedException("Birdeye has no price for this token.");
    }

    private async Task<decimal> SolUsdAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        if (await db.StringGetAsync(RedisKeys.SolUsdPrice) is { IsNull: false } cached
            && decimal.TryParse(cached.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var price) && price > 0)
        {
            return price;
        }

        var fresh = (await birdeye.PriceAsync(WrappedSol, cancellationToken))?.Value is > 0 and var value
            ? value
            : throw new JobFailedException("Birdeye has no SOL price.", transient: true);
        await db.StringSetAsync(RedisKeys.SolUsdPrice, fresh.ToString(CultureInfo.InvariantCulture), SolPriceLifetime);
        return fresh;
    }
}
