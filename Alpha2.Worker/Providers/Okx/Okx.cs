using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Refit;

namespace Alpha2.Worker.Providers.Okx;

/// <summary>OKX v5 support announcements, new listings (docs/providers.md §7.3); numbers arrive as strings.</summary>
internal interface IOkxApi
{
    [Get("/api/v5/support/announcements?annType=announcements-new-listings&page=1")]
    [Headers("Accept-Language: en-US")]
    Task<OkxEnvelope> NewListingsAsync(CancellationToken cancellationToken);
}

internal sealed record OkxEnvelope(string? Code, string? Msg, OkxPage[]? Data);

internal sealed record OkxPage(OkxAnnouncement[]? Details);

/// <summary><c>pTime</c>: publish time in ms (may lag ~5 min); <c>businessPTime</c>: the time shown on the page.</summary>
internal sealed record OkxAnnouncement(string? Title, string? Url, string? PTime, string? BusinessPTime);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OkxEnvelope))]
internal sealed partial class OkxJson : JsonSerializerContext;

internal sealed class Okx(IOkxApi api) : IListingSource
{
    public string Exchange => "OKX";

    public string Provider => ProviderNames.Okx;

    public async Task<IReadOnlyList<Announcement>> LatestAsync(CancellationToken cancellationToken)
    {
        var envelope = await ProviderFailures.CallAsync(Exchange, keyVariable: null, () => api.NewListingsAsync(cancellationToken), _ => null, cancellationToken);
        if (envelope.Code != "0" || envelope.Data is null)
        {
            throw new JobFailedException($"OKX answered code {envelope.Code ?? "missing"}: {envelope.Msg ?? "no message"}", transient: true);
        }

        return envelope.Data.SelectMany(p => p.Details ?? [])
            .Where(a => a.Title is not null && a.Url is not null)
            .Select(a => new Announcement(Exchange, a.Title!, a.Url!, FromMs(a.BusinessPTime ?? a.PTime)))
            .ToArray();
    }

    private static DateTimeOffset FromMs(string? ms) =>
        long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : DateTimeOffset.UnixEpoch;
}
