using Alpha2.ServiceDefaults;

namespace Alpha2.Api.Infrastructure;

internal static class PrometheusEndpoint
{
    /// <summary>
    /// <c>GET /metrics</c> in the Prometheus text format (docs/metrics.md): open like the health checks, kept out of
    /// traces, the HTTP metrics and the OpenAPI document, so scrapes never show up as API traffic.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheus(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint(PrometheusScraping.Path)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .DisableHttpMetrics()
            .ExcludeFromDescription();
}
