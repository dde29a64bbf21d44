using System.Text.Json;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.TokenMetadata;

/// <summary>
/// The off-chain metadata JSON a mint's <c>uri</c> points to (pump.fun's creation form: twitter, telegram, website).
/// The address is chosen by whoever minted the token, so the client refuses private networks (see MetadataHttp).
/// </summary>
internal sealed class TokenMetadata(HttpClient http, IConfiguration configuration)
{
    private static readonly HashSet<string> TwitterHosts = new(["x.com", "twitter.com", "www.x.com", "www.twitter.com", "mobile.twitter.com"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>twitter</c> link of the metadata, when it is an x.com or twitter.com URL with a handle or post.</summary>
    public async Task<string?> TwitterAsync(string uri, CancellationToken cancellationToken)
    {
        if (MetadataHttp.Resolve(uri, configuration) is not { } address)
        {
            throw new JobFailedException("The metadata uri is not an http(s) or ipfs address.");
        }

        using var document = await ProviderFailures.CallAsync("The metadata host", null, () => ReadAsync(address, cancellationToken), _ => null, cancellationToken);
        return document.RootElement.ValueKind == JsonValueKind.Object
               && document.RootElement.TryGetProperty("twitter", out var twitter) && twitter.ValueKind == JsonValueKind.String
               && IsTwitterLink(twitter.GetString()!)
            ? twitter.GetString()
            : null;
    }

    private async Task<JsonDocument> ReadAsync(Uri address, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(address, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    public static bool IsTwitterLink(string link) =>
        Uri.TryCreate(link.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
        && TwitterHosts.Contains(url.Host) && url.AbsolutePath.Trim('/').Length > 0;
}
