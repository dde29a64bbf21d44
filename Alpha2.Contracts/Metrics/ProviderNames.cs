namespace Alpha2.Contracts.Metrics;

/// <summary>
/// The names provider calls are recorded under, and the metrics panel reports as <c>{name}_ms</c> and
/// <c>{name}_credits_used</c>. <see cref="Parser"/> is the time to fetch and parse scraped pages and announcements.
/// </summary>
public static class ProviderNames
{
    public const string Helius = "helius";
    public const string Birdeye = "birdeye";
    public const string RugCheck = "rugcheck";
    public const string Gemini = "gemini";
    public const string Groq = "groq";
    public const string Apify = "apify";
    public const string Binance = "binance";
    public const string Bybit = "bybit";
    public const string Okx = "okx";
    public const string Telegram = "telegram";
    public const string Parser = "parser";

    public static IReadOnlyList<string> All { get; } = [Helius, Birdeye, RugCheck, Gemini, Groq, Apify, Binance, Bybit, Okx, Telegram, Parser];
}
