using System.Globalization;
using Alpha2.Contracts.Ops;
using StackExchange.Redis;

namespace Alpha2.Queue.Ops;

/// <summary>
/// The live workers, as their heartbeats describe them. A worker whose heartbeat expired (a SIGKILL, a lost host) is
/// left out: it is gone within the heartbeat TTL, before the reaper even returns its jobs.
/// </summary>
public sealed class WorkerDirectory(IConnectionMultiplexer redis, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkerView>> ListAsync()
    {
        var db = redis.GetDatabase();
        var ids = (await db.SetMembersAsync(QueueKeys.Workers)).Select(id => id.ToString()).Order(StringComparer.Ordinal).ToArray();
        var batch = db.CreateBatch();
        var beats = ids.Select(id => batch.StringGetAsync(QueueKeys.Heartbeat(id))).ToArray();
        var infos = ids.Select(id => batch.HashGetAllAsync(QueueKeys.WorkerInfo(id))).ToArray();
        batch.Execute();

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var workers = new List<WorkerView>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (await beats[i] is not { IsNull: false } beat || (await infos[i]).ToStringDictionary() is not { Count: > 0 } info)
            {
                continue;
            }

            workers.Add(new WorkerView(
                ids[i],
                Text(info, "host"),
                (int)Number(info, "pid"),
                Text(info, "queues").Split(',', StringSplitOptions.RemoveEmptyEntries),
                (int)Number(info, "concurrency"),
                (int)Number(info, "busy"),
                Math.Round(Math.Max(0, now - (long)beat) / 1000.0, 1),
                DateTimeOffset.FromUnixTimeMilliseconds(Number(info, "started_at")),
                Text(info, "version")));
        }

        return workers;
    }

    private static string Text(Dictionary<string, string> info, string field) =>
        info.GetValueOrDefault(field, "");

    private static long Number(Dictionary<string, string> info, string field) =>
        long.TryParse(Text(info, field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
