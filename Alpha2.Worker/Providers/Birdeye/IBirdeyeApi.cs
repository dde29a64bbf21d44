using Refit;

namespace Alpha2.Worker.Providers.Birdeye;

/// <summary>
/// Birdeye Data Services (docs/providers.md §2). Every answer is an envelope <c>{success, data}</c>; failures come as
/// <c>{success:false, message}</c>, with 400/401/403/429 statuses. Compute units per call are in <see cref="BirdeyeClient"/>.
/// </summary>
internal interface IBirdeyeApi
{
    [Get("/defi/v3/search?chain=solana&target=token&search_mode=exact&sort_by=liquidity&sort_type=desc&limit=20")]
    Task<BirdeyeEnvelope<BirdeyeSearchData>> SearchAsync(
        [AliasAs("keyword")] string keyword,
        [AliasAs("search_by")] string searchBy,
        [Header("X-API-KEY")] string apiKey,
        CancellationToken cancellationToken);

    [Get("/defi/token_overview")]
    [Headers("x-chain: solana")]
    Task<BirdeyeEnvelope<BirdeyeTokenOverview>> TokenOverviewAsync(
        [AliasAs("address")] string mint,
        [Header("X-API-KEY")] string apiKey,
        CancellationToken cancellationToken);

    [Get("/defi/price")]
    [Headers("x-chain: solana")]
    Task<BirdeyeEnvelope<BirdeyePrice>> PriceAsync(
        [AliasAs("address")] string mint,
        [Header("X-API-KEY")] string apiKey,
        CancellationToken cancellationToken);
}
