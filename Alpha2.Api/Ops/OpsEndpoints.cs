using System.Diagnostics;
using System.Globalization;
using Alpha2.Api.Infrastructure;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Ops;
using Alpha2.Queue.Ops;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alpha2.Api.Ops;

/// <summary>The operator's API: queue counts and history, pause and resume, dead letters, workers (docs/operations.md).</summary>
internal static class OpsEndpoints
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;
    public const int MaxTextLength = 200;

    public static RouteGroupBuilder MapOps(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ops").WithTags("Ops");
        group.MapGet("/access", Access).WithSummary("Whether ops changes are off (OPS_READ_ONLY) and whether POSTs need X-API-Key, for a console to offer only what works.");
        group.MapGet("/queues", Queues).WithSummary("Each queue's counts, pause state, live workers, throughput and latency over the last hour.");
        group.MapGet("/queues/{queue}/history", History).WithSummary("Per minute: done, failed, wait and run p50; ?minutes= up to 1440 (default 60).");
        group.MapPost("/queues/{queue}/pause", Pause).OpsMutation().WithSummary("Every worker stops claiming from the queue; enqueues go on.");
        group.MapPost("/queues/{queue}/resume", Resume).OpsMutation().WithSummary("Workers claim from the queue again.");
        group.MapGet("/jobs", Jobs).WithSummary("A queue's jobs, newest first; ?status=, ?q= (an id prefix or text in the payload or error), paged by ?cursor=.");
        group.MapGet("/jobs/{jobId}", Job).WithSummary("One job: payload, status, each failed claim's error, worker, times, result, trace id.");
        group.MapGet("/workers", Workers).WithSummary("The live workers: host, pid, queues, concurrency, busy slots, heartbeat age.");
        group.MapGet("/dead", Dead).WithSummary("A queue's dead letters, newest first; ?q= text in the id, payload or error; paged by ?cursor=.");
        group.MapPost("/dead/{queue}/retry", Retry).OpsMutation()
            .WithSummary("Queues dead jobs again, attempts reset: {\"ids\":[…]} or {\"all\":true,\"q\":\"…\"}.");
        group.MapPost("/dead/{queue}/delete", Delete).OpsMutation()
            .WithSummary("Removes dead letters: {\"ids\":[…]} or {\"all\":true,\"q\":\"…\"}.");
        return group;
    }

    internal static Ok<OpsAccess> Access(IConfiguration configuration) =>
        TypedResults.Ok(new OpsAccess(OpsMutations.IsReadOnly(configuration), ApiKeyFilter.IsRequired(configuration)));

    internal static async Task<Ok<QueueSnapshot[]>> Queues(QueueOverview overview) =>
        TypedResults.Ok((await overview.SnapshotAsync()).ToArray());

    internal static async Task<Results<Ok<QueueMinute[]>, ProblemHttpResult, ValidationProblem>> History(string queue, int? minutes, QueueOverview overview)
    {
        if (!Known(queue))
        {
            return UnknownQueue(queue);
        }

        if (minutes is < 1 or > QueueOverview.MaxHistoryMinutes)
        {
            return Invalid("minutes", $"minutes must be between 1 and {QueueOverview.MaxHistoryMinutes}.");
        }

        return TypedResults.Ok((await overview.HistoryAsync(queue, minutes ?? 60)).ToArray());
    }

    internal static async Task<Results<Ok<QueuePauseState>, ProblemHttpResult>> Pause(string queue, QueueControl control) =>
        Known(queue) ? TypedResults.Ok(await control.PauseAsync(queue)) : UnknownQueue(queue);

    internal static async Task<Results<Ok<QueuePauseState>, ProblemHttpResult>> Resume(string queue, QueueControl control) =>
        Known(queue) ? TypedResults.Ok(await control.ResumeAsync(queue)) : UnknownQueue(queue);

    internal static async Task<Results<Ok<JobPage>, ProblemHttpResult, ValidationProblem>> Jobs(
        string? queue, string? status, string? q, int? limit, string? cursor, JobSearch search)
    {
        if (CheckPage(queue, limit, q, out var known) is { } refusal)
        {
            return Refuse<JobPage>(refusal);
        }

        if (status is not null && !JobSearch.Statuses.Contains(status))
        {
            return Invalid("status", $"status must be one of {string.Join(", ", JobSearch.Statuses)}.");
        }

        if (!JobSearch.IsCursor(cursor))
        {
            return Invalid("cursor", "cursor must be a value a previous page returned as next_cursor.");
        }

        return TypedResults.Ok(await search.PageAsync(known, status, q, limit ?? DefaultPageSize, cursor));
    }

    internal static async Task<Results<Ok<JobDetail>, ProblemHttpResult>> Job(string jobId, JobSearch search) =>
        await search.DetailAsync(jobId) is { } job ? TypedResults.Ok(job) : JobAnswers.NotFound(jobId);

    internal static async Task<Ok<WorkerView[]>> Workers(WorkerDirectory workers) =>
        TypedResults.Ok((await workers.ListAsync()).ToArray());

    internal static async Task<Results<Ok<DeadLetterPage>, ProblemHttpResult, ValidationProblem>> Dead(
        string? queue, string? q, int? limit, string? cursor, DeadLetters dead)
    {
        if (CheckPage(queue, limit, q, out var known) is { } refusal)
        {
            return Refuse<DeadLetterPage>(refusal);
        }

        var start = 0;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > 1_000_000))
        {
            return Invalid("cursor", "cursor must be a value a previous page returned as next_cursor.");
        }

        return TypedResults.Ok(await dead.PageAsync(known, q, limit ?? DefaultPageSize, start));
    }

    internal static async Task<Results<Ok<DeadLettersRetried>, ProblemHttpResult, ValidationProblem>> Retry(
        string queue, DeadLetterSelection selection, DeadLetters dead) =>
        Check(queue, selection) is { } refusal
            ? Refuse<DeadLettersRetried>(refusal)
            : TypedResults.Ok(new DeadLettersRetried(await dead.RetryAsync(queue, selection)));

    internal static async Task<Results<Ok<DeadLettersDeleted>, ProblemHttpResult, ValidationProblem>> Delete(
        string queue, DeadLetterSelection selection, DeadLetters dead) =>
        Check(queue, selection) is { } refusal
            ? Refuse<DeadLettersDeleted>(refusal)
            : TypedResults.Ok(new DeadLettersDeleted(await dead.DeleteAsync(queue, selection)));

    /// <summary>Null when a page's queue is named and known (then <paramref name="known"/>), and its bounds hold.</summary>
    private static IResult? CheckPage(string? queue, int? limit, string? q, out string known)
    {
        known = queue ?? "";
        return string.IsNullOrEmpty(queue) ? Invalid("queue", $"queue is required: one of {string.Join(", ", QueueNames.All)}.")
            : !Known(queue) ? UnknownQueue(queue)
            : limit is < 1 or > MaxPageSize ? Invalid("limit", $"limit must be between 1 and {MaxPageSize}.")
            : q is { Length: > MaxTextLength } ? Invalid("q", $"q must be at most {MaxTextLength} characters.")
            : null;
    }

    /// <summary>A refusal from <see cref="CheckPage"/> or <see cref="Check"/>, as the endpoint's declared answer.</summary>
    private static Results<Ok<T>, ProblemHttpResult, ValidationProblem> Refuse<T>(IResult refusal) => refusal switch
    {
        ProblemHttpResult problem => problem,
        ValidationProblem invalid => invalid,
        _ => throw new UnreachableException($"Unexpected refusal {refusal.GetType().Name}."),
    };

    /// <summary>Null when the selection names ids of this queue, or all entries with a bounded text.</summary>
    private static IResult? Check(string queue, DeadLetterSelection selection)
    {
        if (!Known(queue))
        {
            return UnknownQueue(queue);
        }

        if (selection.All == (selection.Ids is { Count: > 0 }))
        {
            return Invalid("ids", "Send either \"ids\" (a non-empty list) or \"all\": true, not both.");
        }

        if (selection.Ids is { Count: > 1_000 })
        {
            return Invalid("ids", "At most 1000 ids at once.");
        }

        if (selection.Ids?.FirstOrDefault(id => id is null || id.Length > MaxTextLength || QueueNames.OfJob(id) != queue) is { } foreign)
        {
            return Invalid("ids", $"Every id must be a job id of the {queue} queue; '{Truncate(foreign)}' is not.");
        }

        return selection.Q is { Length: > MaxTextLength } ? Invalid("q", $"q must be at most {MaxTextLength} characters.") : null;
    }

    private static bool Known(string queue) => QueueNames.All.Contains(queue, StringComparer.Ordinal);

    private static ProblemHttpResult UnknownQueue(string queue) =>
        TypedResults.Problem(
            $"There is no queue '{Truncate(queue)}'; the queues are {string.Join(", ", QueueNames.All)}.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Queue not found");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Truncate(string? text) =>
        new((text ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_').Take(80).ToArray());
}
