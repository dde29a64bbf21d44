using System.Text.Json;
using System.Text.Json.Serialization;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Refit;

namespace Alpha2.Worker.Providers.Bybit;

/// <summary>Bybit v5 announcements of type new_crypto (docs/providers.md §7.2).</summary>
internal interface IBybitApi
{
    [Get("/v5/announcements/index?locale=en-US&type=new_crypto&page=1&limit=20")]
    Task<BybitEnvelope> NewListingsAsync(CancellationToken cancellationToken);
}

internal sealed record BybitEnvelope(int RetCode, string? RetMsg, BybitResult? Result);

internal sealed record BybitResult(BybitAnnouncement[]? List);

/// <summary>Timestamps are epoch milliseconds.</summary>
internal sealed record BybitAnnouncement(string? Title, string? Description, string? Url, long PublishTime, long DateTimestamp);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BybitEnvelope))]
internal sealed partial class BybitJson : JsonSerializerContext;

internal sealed class Bybit(IBybitApi api) : IListingSource
{
    public string Exchange => "Bybit";

    public string Provider => ProviderNames.Bybit;

    public async Task<IReadOnlyList<Announcement>> LatestAsync(CancellationToken cancellationToken)
    {
        var envelope = await ProviderFailures.CallAsync(Exchange, keyVariable: null, () => api.NewListingsAsync(cancellationToken), _ => null, cancellationToken);
        if (envelope.RetCode != 0 || envelope.Result is null)
        {
            throw new JobFailedException($"Bybit answered retCode {envelope.RetCode}: {envelope.RetMsg ?? "no message"}", transient: true);
        }

        return envelope.Result.List?
            .Where(a => a.Title is not null && a.Url is not null)
            .Select(a => new Announcement(Exchange, a.Title!, a.Url!,
                DateTimeOffset.FromUnixTimeMilliseconds(a.PublishTime > 0 ? a.PublishTime : a.DateTimestamp), a.Description))
            .ToArray() ?? [];
    }
}
