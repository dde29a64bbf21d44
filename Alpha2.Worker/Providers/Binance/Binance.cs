using System.Text.Json;
using System.Text.Json.Serialization;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Refit;

namespace Alpha2.Worker.Providers.Binance;

/// <summary>Binance's CMS article list, catalog 48 = new cryptocurrency listings (unofficial; docs/providers.md §7.1).</summary>
internal interface IBinanceCmsApi
{
    [Get("/bapi/composite/v1/public/cms/article/list/query?type=1&catalogId=48&pageNo=1&pageSize=20")]
    Task<BinanceEnvelope> NewListingsAsync(CancellationToken cancellationToken);
}

internal sealed record BinanceEnvelope(string? Code, string? Message, bool Success, BinanceData? Data);

internal sealed record BinanceData(BinanceCatalog[]? Catalogs);

internal sealed record BinanceCatalog(int CatalogId, BinanceArticle[]? Articles);

/// <summary><c>releaseDate</c> is epoch milliseconds; the page is <c>/en/support/announcement/{code}</c>.</summary>
internal sealed record BinanceArticle(long Id, string? Code, string? Title, long ReleaseDate);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BinanceEnvelope))]
internal sealed partial class BinanceJson : JsonSerializerContext;

internal sealed class Binance(IBinanceCmsApi api) : IListingSource
{
    public string Exchange => "Binance";

    public string Provider => ProviderNames.Binance;

    public async Task<IReadOnlyList<Announcement>> LatestAsync(CancellationToken cancellationToken)
    {
        var envelope = await ProviderFailures.CallAsync(Exchange, keyVariable: null, () => api.NewListingsAsync(cancellationToken), _ => null, cancellationToken);
        if (envelope.Code != "000000" || envelope.Data is null)
        {
            throw new JobFailedException($"Binance answered code {envelope.Code ?? "missing"}: {envelope.Message ?? "no message"}", transient: true);
        }

        return envelope.Data.Catalogs?.SelectMany(c => c.Articles ?? [])
            .Where(a => a.Title is not null && a.Code is not null)
            .DistinctBy(a => a.Id)
            .Select(a => new Announcement(Exchange, a.Title!, $"https://www.binance.com/en/support/announcement/{a.Code}",
                DateTimeOffset.FromUnixTimeMilliseconds(a.ReleaseDate)))
            .ToArray() ?? [];
    }
}
