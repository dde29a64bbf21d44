using Refit;

namespace Alpha2.Worker.Providers.RugCheck;

/// <summary>RugCheck (docs/providers.md §3): the report summary answers without a key; a JWT in Authorization is optional.</summary>
internal interface IRugCheckApi
{
    [Get("/v1/tokens/{mint}/report/summary")]
    Task<RugCheckSummary> SummaryAsync(string mint, [Header("Authorization")] string? authorization, CancellationToken cancellationToken);
}
