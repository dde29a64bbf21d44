using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Alpha2.Worker.Providers.Apify;

/// <summary>
/// Apify's actor runs (docs/providers.md §6). The run API, not the sync one: its run object carries <c>usageTotalUsd</c>,
/// which is what the metrics panel bills, and the token travels as a Bearer header, never in the URL.
/// </summary>
internal interface IApifyApi
{
    [Post("/v2/acts/{actorId}/runs?waitForFinish=60")]
    Task<ApifyRunEnvelope> RunAsync(string actorId, [Body] ApifyTweetInput input, [Authorize("Bearer")] string token, CancellationToken cancellationToken);

    [Get("/v2/datasets/{datasetId}/items?format=json&clean=true")]
    Task<ApifyTweet[]> ItemsAsync(string datasetId, [Authorize("Bearer")] string token, CancellationToken cancellationToken);
}

/// <summary>apidojo/tweet-scraper input: search terms, a cap on items (the cost cap), newest first.</summary>
internal sealed record ApifyTweetInput(string[] SearchTerms, int MaxItems, string Sort, string Start);

internal sealed record ApifyRunEnvelope(ApifyRun? Data);

internal sealed record ApifyRun(string? Id, string? Status, string? DefaultDatasetId, decimal? UsageTotalUsd);

/// <summary>A scraped post; an empty search answers <c>[{"noResults":true}]</c>.</summary>
internal sealed record ApifyTweet(string? Id, string? Text, string? FullText, string? CreatedAt, bool? NoResults);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApifyTweetInput))]
[JsonSerializable(typeof(ApifyRunEnvelope))]
[JsonSerializable(typeof(ApifyTweet[]))]
internal sealed partial class ApifyJson : JsonSerializerContext;
