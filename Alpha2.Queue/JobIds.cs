using System.Globalization;
using System.Text.RegularExpressions;

namespace Alpha2.Queue;

/// <summary>
/// Reading the ids enqueue.lua makes: <c>&lt;queue&gt;:&lt;unix-ms&gt;[-n]</c>, written first in the job JSON
/// (docs/queue-protocol.md, "Ids"). The enqueue time rides in the id, so nothing else stores it.
/// </summary>
internal static partial class JobIds
{
    /// <summary>The id at the start of a job's JSON (<c>{"id":"…"</c>), or null.</summary>
    public static string? Of(string json) => JobId().Match(json) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>When the job was enqueued, in unix ms, or null for an id that carries no time.</summary>
    public static long? EnqueuedAtMs(string jobId)
    {
        var ms = jobId.AsSpan(jobId.LastIndexOf(':') + 1);
        if (ms.IndexOf('-') is var dash and >= 0)
        {
            ms = ms[..dash];
        }

        return ms.Length is > 0 and <= 15 && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>As <see cref="EnqueuedAtMs"/>, as a time.</summary>
    public static DateTimeOffset? EnqueuedAt(string jobId) =>
        EnqueuedAtMs(jobId) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    [GeneratedRegex("""^\{"id":"([^"\\]+)""")]
    private static partial Regex JobId();
}
