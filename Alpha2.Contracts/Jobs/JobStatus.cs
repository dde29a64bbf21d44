namespace Alpha2.Contracts.Jobs;

/// <summary>The values of <c>&lt;queue&gt;:status</c>: queued → processing → done | failed.</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Done = "done";
    public const string Failed = "failed";

    public static bool IsFinished(string? status) => status is Done or Failed;
}
