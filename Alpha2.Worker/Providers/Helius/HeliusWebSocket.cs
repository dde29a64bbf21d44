namespace Alpha2.Worker.Providers.Helius;

/// <summary>
/// Where the log stream connects (docs/providers.md §1.e): HELIUS_WS_URL, any Solana RPC websocket; unset, the Helius
/// mainnet websocket for HELIUS_API_KEY; "off" (or no key and no URL), no stream, and the Enhanced poller feeds the list.
/// </summary>
internal static class HeliusWebSocket
{
    public const string UrlVariable = "HELIUS_WS_URL";
    public const string Off = "off";

    public static Uri? Url(IConfiguration configuration)
    {
        var url = configuration[UrlVariable]?.Trim();
        if (string.Equals(url, Off, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(url))
        {
            return new Uri(url);
        }

        var key = configuration[HeliusRpc.KeyVariable];
        return string.IsNullOrWhiteSpace(key) ? null : new Uri("wss://mainnet.helius-rpc.com/?api-key=" + Uri.EscapeDataString(key.Trim()));
    }
}
