namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// Every provider's base URL: the environment variable that overrides it (how tests, the sandbox and benchmarks
/// point the worker elsewhere) and its real default (docs/providers.md §0 lists each).
/// </summary>
internal static class ProviderUrls
{
    public static readonly ProviderUrl Gemini = new("GEMINI_API_URL", "https://generativelanguage.googleapis.com");
    public static readonly ProviderUrl Groq = new("GROQ_API_URL", "https://api.groq.com/openai");
    public static readonly ProviderUrl HeliusRpc = new("HELIUS_RPC_URL", "https://mainnet.helius-rpc.com");
    public static readonly ProviderUrl HeliusApi = new("HELIUS_API_URL", "https://api-mainnet.helius-rpc.com");
    public static readonly ProviderUrl Birdeye = new("BIRDEYE_API_URL", "https://public-api.birdeye.so");
    public static readonly ProviderUrl RugCheck = new("RUGCHECK_API_URL", "https://api.rugcheck.xyz");
    public static readonly ProviderUrl Apify = new("APIFY_API_URL", "https://api.apify.com");
    public static readonly ProviderUrl BinanceCms = new("BINANCE_CMS_URL", "https://www.binance.com");
    public static readonly ProviderUrl Bybit = new("BYBIT_API_URL", "https://api.bybit.com");
    public static readonly ProviderUrl Okx = new("OKX_API_URL", "https://www.okx.com");
    public static readonly ProviderUrl TelegramWeb = new("TELEGRAM_WEB_URL", "https://t.me");
}

internal sealed record ProviderUrl(string Variable, string Default)
{
    public Uri Resolve(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var value = configuration[Variable];
        var url = string.IsNullOrWhiteSpace(value) ? Default : value;
        return Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"{Variable} must be an http(s) URL.");
    }
}
