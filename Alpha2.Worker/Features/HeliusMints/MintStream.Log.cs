using Microsoft.Extensions.Logging;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>The stream's log lines, source-generated.</summary>
internal sealed partial class MintStream
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Mint stream off (HELIUS_WS_URL=off, or no HELIUS_API_KEY): the poller and webhooks feed the mint list.")]
    private partial void LogOff();

    [LoggerMessage(Level = LogLevel.Information, Message = "Mint stream subscribed; the gap fill queued {Creates} creates missed since the last one seen.")]
    private partial void LogSubscribed(int creates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mint stream: the node closed the socket; reconnecting.")]
    private partial void LogClosed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mint stream: {Problem}; reconnecting in about {RetryMs} ms.")]
    private partial void LogProblem(string problem, double retryMs);
}
