namespace Alpha2.Queue.Ops;

/// <summary>
/// One event of the ops stream as <see cref="OpsEventHub"/> fans it out: its server-sent event name, its SSE id (job
/// events only), its JSON data (serialised once for every client) and when the hub made it.
/// </summary>
public sealed class OpsEvent
{
    /// <summary>The snapshot of <c>GET /api/ops/queues</c>, sent when it changed.</summary>
    public const string QueuesType = "queues";

    /// <summary>A job finished or failed: <c>{"id","queue","status"}</c>.</summary>
    public const string JobType = "job";

    /// <summary>The mint feed got a row: <c>{"queue","mint","name"}</c>.</summary>
    public const string MintType = "mint";

    /// <summary>No event: a comment line, sent so that proxies do not cut an idle stream.</summary>
    public const string KeepAliveType = "keep-alive";

    internal OpsEvent(string type, long? id, ReadOnlyMemory<byte> data, DateTimeOffset at)
    {
        Type = type;
        Id = id;
        Data = data;
        At = at;
    }

    /// <summary>The comment every client gets every <see cref="OpsEventHub.KeepAliveInterval"/>.</summary>
    public static OpsEvent KeepAlive { get; } = new(KeepAliveType, null, ReadOnlyMemory<byte>.Empty, DateTimeOffset.MinValue);

    public string Type { get; }

    /// <summary>The SSE id: set on job events only, increasing within the process (see <see cref="OpsEventHub"/>).</summary>
    public long? Id { get; }

    /// <summary>UTF-8 JSON on one line; empty for <see cref="KeepAlive"/>.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public DateTimeOffset At { get; }

    public bool IsKeepAlive => Type == KeepAliveType;
}
