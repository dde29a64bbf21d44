namespace Alpha2.Contracts.Jobs;

/// <summary>The queues the API feeds and the worker drains; a job id starts with its queue name.</summary>
public static class QueueNames
{
    public const string CexRadar = "cex-radar";
    public const string Whales = "whales";
    public const string AiInfer = "ai-infer";
    public const string HeliusMints = "helius-mints";

    public static IReadOnlyList<string> All { get; } = [CexRadar, Whales, AiInfer, HeliusMints];

    /// <summary>The queue a job id belongs to (<c>ai-infer:1732…-2</c> → <c>ai-infer</c>), or null when it names none.</summary>
    public static string? OfJob(string jobId)
    {
        var colon = jobId.LastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var queue = jobId[..colon];
        return All.Contains(queue, StringComparer.Ordinal) ? queue : null;
    }
}
