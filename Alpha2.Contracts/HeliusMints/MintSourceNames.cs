namespace Alpha2.Contracts.HeliusMints;

/// <summary>What finds new creates for the feed (docs/domain.md §3.2); the metrics panel names the one feeding the list.</summary>
public static class MintSourceNames
{
    /// <summary>The logsSubscribe stream with its gap fill.</summary>
    public const string WebSocket = "websocket";

    /// <summary>The Enhanced Transactions poller, the fallback without a websocket.</summary>
    public const string Poller = "poller";

    /// <summary>Neither ran lately: only webhook deliveries can feed the list.</summary>
    public const string Webhook = "webhook";
}
