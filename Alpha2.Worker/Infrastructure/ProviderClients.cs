using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Alpha2.Worker.Infrastructure;

internal static class ProviderClients
{
    /// <summary>
    /// A provider's Refit client: base URL from its variable, source-generated JSON, HTTP/2 where the provider offers
    /// it, the shared resilience pipeline, and each attempt's latency and outcome recorded under
    /// <paramref name="name"/> for the metrics panel. <paramref name="quotaUsedUp"/> tells a 429 body that no wait within
    /// the call can cure (a daily quota), so the pipeline does not retry it.
    /// </summary>
    internal static IHttpClientBuilder AddProviderClient<T>(
        this IServiceCollection services, string name, ProviderUrl url, JsonSerializerOptions json, Func<string, bool>? quotaUsedUp = null)
        where T : class =>
        services.AddRefitGeneratedClient<T>(new RefitSettings
            {
                ContentSerializer = new SystemTextJsonContentSerializer(json),
                // Over TLS the provider picks HTTP/2 or HTTP/1.1 (ALPN); plain http:// (the sandbox) stays HTTP/1.1.
                // On HTTP/2 concurrent calls share one connection: fewer handshakes, sends and thread wake-ups per call.
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            })
            // Past the server's limit of concurrent streams, open another connection instead of queueing calls.
            .UseSocketsHttpHandler((handler, _) => handler.EnableMultipleHttp2Connections = true)
            .ConfigureProviderHttp(name, url, quotaUsedUp);

    /// <summary>Base URL, the shared resilience pipeline, and per-attempt metrics, for any provider HttpClient.</summary>
    internal static IHttpClientBuilder ConfigureProviderHttp(this IHttpClientBuilder builder, string name, ProviderUrl url, Func<string, bool>? quotaUsedUp = null) =>
        builder
            .ConfigureHttpClient((provider, client) => client.BaseAddress = url.Resolve(provider.GetRequiredService<IConfiguration>()))
            .AddProviderHandlers(name, quotaUsedUp);

    /// <summary>The shared resilience pipeline, per-attempt metrics under <paramref name="name"/>, and the response size cap.</summary>
    internal static IHttpClientBuilder AddProviderHandlers(this IHttpClientBuilder builder, string name, Func<string, bool>? quotaUsedUp = null) =>
        builder
            .AddProviderResilience(quotaUsedUp)
            .AddHttpMessageHandler(provider => new ProviderMetricsHandler(provider.GetRequiredService<ProviderMetrics>(), name))
            .AddHttpMessageHandler(provider => new ResponseSizeLimit(
                provider.GetRequiredService<IConfiguration>().GetValue("PROVIDER_MAX_RESPONSE_BYTES", ResponseSizeLimit.DefaultMaxBytes)));
}
