using System.Globalization;
using System.Text.Json;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Ops;
using Alpha2.Queue.Scripts;
using StackExchange.Redis;

namespace Alpha2.Queue.Ops;

/// <summary>
/// A queue's dead letters (<see cref="QueueKeys.Dead"/>, newest first, trimmed to a fixed length): read page by page,
/// retried or deleted by id or by text, each retry or delete one script.
/// </summary>
public sealed class DeadLetters(IConnectionMultiplexer redis)
{
    /// <summary>Entries one page reads at most while looking for matches: the bound on a call's work.</summary>
    public const int ScanPerPage = 500;

    /// <summary>
    /// Up to <paramref name="limit"/> entries holding <paramref name="text"/> (all when null), from position
    /// <paramref name="cursor"/> on. The next cursor is null once the list is read to its end.
    /// </summary>
    public async Task<DeadLetterPage> PageAsync(string queue, string? text, int limit, int cursor)
    {
        var entries = await redis.GetDatabase().ListRangeAsync(QueueKeys.Dead(queue), cursor, cursor + ScanPerPage - 1);
        var items = new List<DeadLetter>();
        var read = 0;
        foreach (var entry in entries)
        {
            read++;
            var json = entry.ToString();
            if (text is { Length: > 0 } && !json.Contains(text, StringComparison.Ordinal))
            {
                continue;
            }

            items.Add(Read(queue, json));
            if (items.Count == limit)
            {
                break;
            }
        }

        var more = read < entries.Length || entries.Length == ScanPerPage;
        return new DeadLetterPage(items, more ? (cursor + read).ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Queues the selected dead jobs again, attempts reset; returns how many were queued.</summary>
    public async Task<int> RetryAsync(string queue, DeadLetterSelection selection) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.DeadRetry, new
        {
            dead = (RedisKey)QueueKeys.Dead(queue),
            jobs = (RedisKey)QueueKeys.Jobs(queue),
            status = (RedisKey)QueueKeys.Status(queue),
            finished = (RedisKey)QueueKeys.Finished(queue),
            failed = (RedisKey)QueueKeys.Failed(queue),
            jobPrefix = QueueKeys.JobPrefix(queue),
            ids = string.Join('\n', selection.Ids ?? []),
            all = selection.All ? "1" : "0",
            q = selection.Q ?? "",
        });

    /// <summary>Removes the selected entries from the dead list; returns how many went.</summary>
    public async Task<int> DeleteAsync(string queue, DeadLetterSelection selection) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.DeadDelete, new
        {
            dead = (RedisKey)QueueKeys.Dead(queue),
            ids = string.Join('\n', selection.Ids ?? []),
            all = selection.All ? "1" : "0",
            q = selection.Q ?? "",
        });

    /// <summary>An entry as the worker wrote it: <c>{"id","error","failedAt","job"}</c>; what cannot be read stays null.</summary>
    private static DeadLetter Read(string queue, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var job = Text("job");
            return new DeadLetter(
                Text("id"),
                queue,
                Text("error") ?? "",
                root.TryGetProperty("failedAt", out var at) && at.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
                job is not null && JsonText.IsJson(job) ? new RawJson(job) : null);
        }
        catch (JsonException)
        {
            return new DeadLetter(null, queue, "The dead-letter entry is not JSON.", null, null);
        }
    }
}
