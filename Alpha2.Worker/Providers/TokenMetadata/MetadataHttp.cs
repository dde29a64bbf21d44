using System.Net;
using System.Net.Sockets;
using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Worker.Providers.TokenMetadata;

/// <summary>
/// The metadata client's plumbing. A mint's <c>uri</c> is attacker-chosen, so by default every connection (redirects
/// included) is refused when the host resolves to a loopback, private, link-local or other non-public address;
/// METADATA_ALLOW_PRIVATE_HOSTS=true lifts that for tests and the sandbox. <c>ipfs://</c> goes through METADATA_IPFS_GATEWAY.
/// </summary>
internal static class MetadataHttp
{
    private const string DefaultIpfsGateway = "https://ipfs.io/ipfs/";

    public static IServiceCollection AddTokenMetadata(this IServiceCollection services, IConfiguration configuration)
    {
        var allowPrivate = configuration.GetValue("METADATA_ALLOW_PRIVATE_HOSTS", false);
        // Metadata only decides hasTw: a slow host must not hold up the feed for the providers' longer budget.
        services.AddHttpClient<TokenMetadata>(client => client.Timeout = TimeSpan.FromSeconds(configuration.GetValue("METADATA_TIMEOUT_SECONDS", 10)))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectCallback = allowPrivate ? null : ConnectPublicAsync })
            .AddProviderHandlers(ProviderNames.Parser);
        return services;
    }

    /// <summary>The address to fetch, or null for a scheme we do not fetch (file:, data:, ...).</summary>
    public static Uri? Resolve(string uri, IConfiguration configuration)
    {
        var text = uri.Trim();
        if (text.StartsWith("ipfs://", StringComparison.OrdinalIgnoreCase))
        {
            var gateway = configuration["METADATA_IPFS_GATEWAY"] is { Length: > 0 } configured ? configured : DefaultIpfsGateway;
            text = gateway.TrimEnd('/') + "/" + text["ipfs://".Length..].TrimStart('/');
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "https" or "http" ? address : null;
    }

    private static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var address = addresses.FirstOrDefault(IsPublic)
            ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} is not a public address; metadata is fetched from public hosts only.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return true;
        }

        var b = address.GetAddressBytes();
        return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                 || (b[0] == 100 && b[1] is >= 64 and < 128)
                 || (b[0] == 169 && b[1] == 254)
                 || (b[0] == 172 && b[1] is >= 16 and < 32)
                 || (b[0] == 192 && b[1] == 168));
    }
}
