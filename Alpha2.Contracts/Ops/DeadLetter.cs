using System.Text.Json.Serialization;
using Alpha2.Contracts.Jobs;

namespace Alpha2.Contracts.Ops;

/// <summary>
/// One entry of <c>GET /api/ops/dead</c>: the job id (null for JSON that named none), its error, when it failed, and the
/// job JSON as it was queued.
/// </summary>
public sealed record DeadLetter(
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Id,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("failed_at"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? FailedAt,
    [property: JsonPropertyName("job"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] RawJson? Job);

/// <summary>A page of dead letters, newest first; <c>next_cursor</c> asks for the next page, null at the end.</summary>
public sealed record DeadLetterPage(
    [property: JsonPropertyName("items")] IReadOnlyList<DeadLetter> Items,
    [property: JsonPropertyName("next_cursor"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

/// <summary>
/// Which dead letters a retry or delete acts on: the listed <c>ids</c>, or with <c>all</c> every one whose entry holds
/// the text <c>q</c> (every one when <c>q</c> is empty).
/// </summary>
public sealed record DeadLetterSelection(
    [property: JsonPropertyName("ids")] IReadOnlyList<string>? Ids,
    [property: JsonPropertyName("all")] bool All = false,
    [property: JsonPropertyName("q"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Q = null);

/// <summary>What <c>POST /api/ops/dead/{queue}/retry</c> answers.</summary>
public sealed record DeadLettersRetried([property: JsonPropertyName("retried")] int Retried);

/// <summary>What <c>POST /api/ops/dead/{queue}/delete</c> answers.</summary>
public sealed record DeadLettersDeleted([property: JsonPropertyName("deleted")] int Deleted);

/// <summary>What pause and resume answer: the queue's state afterwards.</summary>
public sealed record QueuePauseState(
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("paused")] bool Paused);
