using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Ops;

/// <summary>
/// The data of a <c>mint</c> event on <c>GET /api/ops/events</c>: the mint feed got a row. <c>mint</c> and <c>name</c>
/// are those of the feed's newest row when it was read right after the announcement (usually the row just added);
/// both are left out when the feed could not be read.
/// </summary>
public sealed record OpsMintEvent(
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("mint")] string? Mint,
    [property: JsonPropertyName("name")] string? Name);
