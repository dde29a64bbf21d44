using Alpha2.Contracts.CexRadar;
using Alpha2.Worker.Providers;
using Alpha2.Worker.Providers.Birdeye;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>
/// The Solana mint behind a listing (docs/domain.md §4.3): a contract address stated in the announcement wins over a
/// symbol search, and among search candidates the most liquid wins; copycats rarely carry the liquidity.
/// </summary>
internal sealed class TokenResolver(BirdeyeClient birdeye)
{
    public async Task<ResolvedToken?> ResolveAsync(Announcement announcement, string query, CancellationToken cancellationToken)
    {
        if (ListingMatcher.SolanaAddress(announcement) is { } address
            && await birdeye.TokenOverviewAsync(address, cancellationToken) is { } stated)
        {
            return new ResolvedToken(address, stated.Symbol ?? CexQuery.Normalize(query), MatchMethods.AddressInText, stated.Extensions?.Telegram);
        }

        var ticker = ListingMatcher.Tickers(announcement.Title).FirstOrDefault(t => string.Equals(t, CexQuery.Normalize(query), StringComparison.OrdinalIgnoreCase))
                     ?? CexQuery.Normalize(query);
        var candidates = await birdeye.SearchAsync(ticker, "symbol", cancellationToken);
        var best = candidates.Where(c => c.Address is not null && (c.Network is null or "solana"))
            .MaxBy(c => c.Liquidity ?? 0);
        if (best is null)
        {
            return null;
        }

        var overview = await birdeye.TokenOverviewAsync(best.Address!, cancellationToken);
        return new ResolvedToken(best.Address!, best.Symbol is { Length: > 0 } symbol ? symbol : ticker, MatchMethods.SymbolSearch, overview?.Extensions?.Telegram);
    }
}

/// <summary>A matched mint, how it was matched (docs/domain.md §4.3), and its Telegram link when Birdeye knows one.</summary>
internal sealed record ResolvedToken(string Mint, string Symbol, string MatchMethod, string? Telegram);

internal static class MatchMethods
{
    public const string AddressInText = "address_in_text";
    public const string SymbolSearch = "symbol_search";
    public const string None = "none";
}
