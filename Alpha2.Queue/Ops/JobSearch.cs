using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Ops;
using StackExchange.Redis;

namespace Alpha2.Queue.Ops;

/// <summary>
/// Finds a queue's jobs, newest first: the queued list, then what live workers hold, then the finished jobs still
/// retained (<see cref="QueueKeys.Finished"/>, or <see cref="QueueKeys.Failed"/> for failed ones). A page reads at most
/// <see cref="ScanPerPage"/> entries, whatever it finds; its cursor says where the next one goes on
/// (docs/operations.md).
/// </summary>
public sealed partial class JobSearch(IConnectionMultiplexer redis, WorkerDirectory workers)
{
    /// <summary>Entries one page reads at most: the bound on a call's work.</summary>
    public const int ScanPerPage = 500;

    private const string QueuedPhase = "q";
    private const string ProcessingPhase = "p";
    private const string FinishedPhase = "f";

    /// <summary>The statuses a search may filter on.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [JobStatus.Queued, JobStatus.Processing, JobStatus.Done, JobStatus.Failed];

    /// <summary>Whether <paramref name="cursor"/> is one a page returned (or null, for the first page).</summary>
    public static bool IsCursor(string? cursor) => cursor is null || Cursor().IsMatch(cursor);

    /// <summary>
    /// Up to <paramref name="limit"/> jobs of <paramref name="queue"/> with <paramref name="status"/> (any when null)
    /// whose id starts with <paramref name="text"/> or whose JSON or error holds it (all when null).
    /// </summary>
    public async Task<JobPage> PageAsync(string queue, string? status, string? text, int limit, string? cursor)
    {
        var (phase, offset) = Parse(cursor) ?? (First(status), 0);
        var items = new List<JobSummary>();
        var budget = ScanPerPage;
        while (phase is not null && budget > 0 && items.Count < limit)
        {
            var (candidates, exhausted) = await ReadAsync(queue, phase, status, offset, budget);
            var used = 0;
            foreach (var candidate in candidates)
            {
                used++;
                if ((status is null || candidate.Summary.Status == status) && Matches(candidate, text))
                {
                    items.Add(candidate.Summary);
                    if (items.Count == limit)
                    {
                        break;
                    }
                }
            }

            budget -= used;
            offset += used;
            if (exhausted && used == candidates.Count)
            {
                (phase, offset) = (Next(phase, status), 0);
            }
        }

        return new JobPage(items, phase is null ? null : $"{phase}.{offset.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>One job as an operator inspects it, or null when Redis no longer knows it.</summary>
    public async Task<JobDetail?> DetailAsync(string jobId)
    {
        if (QueueNames.OfJob(jobId) is not { } queue)
        {
            return null;
        }

        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var status = batch.HashGetAsync(QueueKeys.Status(queue), jobId);
        var hash = batch.HashGetAllAsync(QueueKeys.Job(jobId));
        batch.Execute();
        var fields = (await hash).ToStringDictionary();
        if ((await status).IsNull && fields.Count == 0)
        {
            return null;
        }

        var payload = fields.GetValueOrDefault(JobFields.Job) ?? await FindQueuedAsync(db, queue, jobId);
        var claims = long.TryParse(fields.GetValueOrDefault(JobFields.Token), CultureInfo.InvariantCulture, out var token) ? token : 0;
        var attempts = Enumerable.Range(1, (int)Math.Min(claims, 1_000))
            .Select(claim => new JobAttempt(claim, fields.GetValueOrDefault(JobFields.ClaimError(claim))))
            .ToArray();
        return new JobDetail(
            jobId,
            queue,
            (await status).IsNull ? JobStatus.Queued : (await status).ToString(),
            payload is not null && JsonText.IsJson(payload) ? new RawJson(payload) : null,
            int.TryParse(fields.GetValueOrDefault(JobFields.Attempts), CultureInfo.InvariantCulture, out var count) ? count : 0,
            attempts,
            fields.GetValueOrDefault(JobFields.Worker),
            JobIds.EnqueuedAt(jobId),
            Time(fields.GetValueOrDefault(JobFields.StartedAt)),
            Time(fields.GetValueOrDefault(JobFields.FinishedAt)),
            fields.GetValueOrDefault(JobFields.Result) is { } result ? new RawJson(result) : null,
            fields.GetValueOrDefault(JobFields.Error),
            payload is null ? null : TraceId(payload));
    }

    private async Task<(List<Candidate> Candidates, bool Exhausted)> ReadAsync(string queue, string phase, string? status, int offset, int count)
    {
        var db = redis.GetDatabase();
        switch (phase)
        {
            case QueuedPhase:
                var queued = await db.ListRangeAsync(QueueKeys.Jobs(queue), offset, offset + count - 1);
                return (queued.Select(raw => raw.ToString()).Select(raw => new Candidate(
                    new JobSummary(JobIds.Of(raw) ?? "", queue, JobStatus.Queued, JobIds.Of(raw) is { } id ? JobIds.EnqueuedAt(id) : null, null, null), raw)).ToList(),
                    queued.Length < count);
            case ProcessingPhase:
                var live = await workers.ListAsync();
                var batch = db.CreateBatch();
                var lists = live.Select(w => batch.ListRangeAsync(QueueKeys.Processing(queue, w.Id))).ToArray();
                batch.Execute();
                var held = new List<string>();
                foreach (var list in lists)
                {
                    held.AddRange((await list).Select(raw => raw.ToString()));
                }

                var page = held.Select(raw => (Raw: raw, Id: JobIds.Of(raw) ?? "")).OrderByDescending(j => JobIds.EnqueuedAt(j.Id)).Skip(offset).Take(count)
                    .Select(j => new Candidate(new JobSummary(j.Id, queue, JobStatus.Processing, JobIds.EnqueuedAt(j.Id), null, null), j.Raw)).ToList();
                return (page, held.Count <= offset + count);
            default:
                var index = status == JobStatus.Failed ? QueueKeys.Failed(queue) : QueueKeys.Finished(queue);
                var ids = await db.SortedSetRangeByRankAsync(index, offset, offset + count - 1, Order.Descending);
                var details = db.CreateBatch();
                var reads = ids.Select(id => (
                    Id: id.ToString(),
                    Status: details.HashGetAsync(QueueKeys.Status(queue), id),
                    Fields: details.HashGetAsync(QueueKeys.Job(id.ToString()), [JobFields.Job, JobFields.Error, JobFields.FinishedAt]))).ToArray();
                details.Execute();
                var finished = new List<Candidate>();
                foreach (var read in reads)
                {
                    var fields = await read.Fields;
                    var state = await read.Status;
                    finished.Add(new Candidate(
                        new JobSummary(read.Id, queue, state.IsNull ? null : state.ToString(), JobIds.EnqueuedAt(read.Id), Time(fields[2]), fields[1].IsNull ? null : fields[1].ToString()),
                        fields[0].IsNull ? "" : fields[0].ToString()));
                }

                return (finished, ids.Length < count);
        }
    }

    private static bool Matches(Candidate candidate, string? text) =>
        text is not { Length: > 0 }
        || candidate.Summary.Id.StartsWith(text, StringComparison.Ordinal)
        || candidate.Json.Contains(text, StringComparison.Ordinal)
        || candidate.Summary.Error?.Contains(text, StringComparison.Ordinal) == true;

    private static string First(string? status) => status switch
    {
        JobStatus.Processing => ProcessingPhase,
        JobStatus.Done or JobStatus.Failed => FinishedPhase,
        _ => QueuedPhase,
    };

    private static string? Next(string phase, string? status) => (phase, status) switch
    {
        (QueuedPhase, null) => ProcessingPhase,
        (ProcessingPhase, null) => FinishedPhase,
        _ => null,
    };

    private static (string Phase, int Offset)? Parse(string? cursor) =>
        cursor is not null && Cursor().Match(cursor) is { Success: true } match
            ? (match.Groups[1].Value, int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture))
            : null;

    /// <summary>
    /// A job that was never claimed keeps its JSON only in the queued list: looked for among the oldest entries, where
    /// a job waits longest, at most <see cref="ScanPerPage"/> of them.
    /// </summary>
    private static async Task<string?> FindQueuedAsync(IDatabase db, string queue, string jobId)
    {
        var prefix = $$"""{"id":"{{jobId}}""";
        foreach (var raw in await db.ListRangeAsync(QueueKeys.Jobs(queue), -ScanPerPage, -1))
        {
            var json = raw.ToString();
            if (json.StartsWith(prefix, StringComparison.Ordinal) && json.Length > prefix.Length && json[prefix.Length] == '"')
            {
                return json;
            }
        }

        return null;
    }

    private static DateTimeOffset? Time(RedisValue value) =>
        !value.IsNull && long.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static DateTimeOffset? Time(string? value) => value is null ? null : Time((RedisValue)value);

    /// <summary>The trace id of the job's W3C <c>traceparent</c> (<c>00-&lt;trace&gt;-&lt;span&gt;-&lt;flags&gt;</c>).</summary>
    private static string? TraceId(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("traceparent", out var parent) && parent.ValueKind == JsonValueKind.String
                   && parent.GetString() is { } text
                   && text.Split('-') is [_, { Length: 32 } trace, _, _]
                ? trace
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Candidate(JobSummary Summary, string Json);

    [GeneratedRegex("^([qpf])\\.(\\d{1,7})$")]
    private static partial Regex Cursor();
}
