using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alpha2.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces and metrics for one host, with its own <paramref name="sourceName"/> for both its ActivitySource
    /// and its Meter. Exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and in the Prometheus
    /// text format when <paramref name="prometheus"/> says where. Spans are recorded only when the OTLP exporter is on:
    /// nothing else reads them, and recording costs CPU on every request and job (docs/metrics.md). Without it a request
    /// still runs in ASP.NET Core's own activity, whose W3C id the jobs it queues carry.
    /// </summary>
    public static IHostApplicationBuilder AddAlpha2Telemetry(
        this IHostApplicationBuilder builder,
        string sourceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null,
        PrometheusScraping? prometheus = null)
    {
        var exported = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(sourceName))
            .WithMetrics(m =>
            {
                m.AddMeter(sourceName).AddHttpClientInstrumentation().AddRuntimeInstrumentationIfAvailable();
                metrics?.Invoke(m);
                prometheus?.AddTo(m);
            });

        if (exported)
        {
            otel.WithTracing(t =>
            {
                t.AddSource(sourceName).AddHttpClientInstrumentation(o => o.RecordException = true);
                tracing?.Invoke(t);
            });
            otel.UseOtlpExporter();
        }

        return builder;
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime");
}
