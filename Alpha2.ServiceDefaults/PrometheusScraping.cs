using OpenTelemetry.Metrics;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// How Prometheus scrapes a host's metrics (docs/metrics.md): at <see cref="Path"/> in the host's own ASP.NET Core
/// app, or on a port of its own for a host that serves no HTTP.
/// </summary>
public sealed class PrometheusScraping
{
    public const string Path = "/metrics";

    private readonly int? _port;

    private PrometheusScraping(int? port) => _port = port;

    /// <summary>Served by the host's app, which maps <c>MapPrometheusScrapingEndpoint(Path)</c> itself.</summary>
    public static PrometheusScraping Endpoint { get; } = new(null);

    /// <summary>Served by a listener of its own on every interface at <paramref name="port"/>.</summary>
    public static PrometheusScraping OnPort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65_535);
        return new(port);
    }

    internal void AddTo(MeterProviderBuilder metrics)
    {
        if (_port is not { } port)
        {
            metrics.AddPrometheusExporter(o => o.ScrapeEndpointPath = Path);
            return;
        }

        metrics.AddPrometheusHttpListener(o =>
        {
            o.Port = port;
            o.ScrapeEndpointPath = Path;
            // Every interface, whatever Host header: Prometheus scrapes a container from outside it. The option's Host
            // must be a name a URI can hold, so the wildcard prefix replaces the one made from it.
            o.ConfigureHttpListener = (_, listener) =>
            {
                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://*:{port}/");
            };
        });
    }
}
