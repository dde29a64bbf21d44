namespace Alpha2.Queue;

/// <summary>The fields of the per-job hash <see cref="QueueKeys.Job"/>.</summary>
internal static class JobFields
{
    public const string Attempts = "attempts";
    public const string Token = "token";
    public const string Worker = "worker";
    public const string StartedAt = "started_at";
    public const string FinishedAt = "finished_at";
    public const string Result = "result";
    public const string Error = "error";
    public const string Summary = "summary";

    /// <summary>The job JSON as queued, kept from its first claim for search and detail.</summary>
    public const string Job = "job";

    /// <summary>The error of the claim with this fencing token (<c>error:&lt;token&gt;</c>).</summary>
    public static string ClaimError(long token) => $"error:{token}";
}
