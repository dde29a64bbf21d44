using Alpha2.Contracts.Metrics;

namespace Alpha2.Api.Metrics;

internal static class LatencyUsageView
{
    public static LatencyUsage From(IReadOnlyDictionary<string, ProviderFigures> figures, string suggestion, MintSourceFigures mints) => new(
        figures[ProviderNames.Apify].MedianMs,
        figures[ProviderNames.Helius].MedianMs,
        figures[ProviderNames.Parser].MedianMs,
        figures[ProviderNames.Apify].Credits,
        figures[ProviderNames.Groq].Credits,
        suggestion,
        figures[ProviderNames.Birdeye].MedianMs,
        figures[ProviderNames.RugCheck].MedianMs,
        figures[ProviderNames.Gemini].MedianMs,
        figures[ProviderNames.Groq].MedianMs,
        figures[ProviderNames.Binance].MedianMs,
        figures[ProviderNames.Bybit].MedianMs,
        figures[ProviderNames.Okx].MedianMs,
        figures[ProviderNames.Telegram].MedianMs,
        figures[ProviderNames.Helius].Credits,
        figures[ProviderNames.Parser].Credits,
        figures[ProviderNames.Birdeye].Credits,
        figures[ProviderNames.RugCheck].Credits,
        figures[ProviderNames.Gemini].Credits,
        figures[ProviderNames.Binance].Credits,
        figures[ProviderNames.Bybit].Credits,
        figures[ProviderNames.Okx].Credits,
        figures[ProviderNames.Telegram].Credits,
        mints.Source,
        mints.CreditsPerMint);
}
