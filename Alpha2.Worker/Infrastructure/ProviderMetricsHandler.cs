using System.Diagnostics;

namespace Alpha2.Worker.Infrastructure;

/// <summary>Times each attempt of a provider call (it sits inside the retry handler) and records it.</summary>
internal sealed class ProviderMetricsHandler(ProviderMetrics metrics, string provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            metrics.RecordCall(provider, Stopwatch.GetElapsedTime(started), status);
        }
    }
}
