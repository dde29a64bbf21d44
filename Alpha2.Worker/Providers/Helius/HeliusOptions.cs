using System.ComponentModel.DataAnnotations;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>Helius's request budgets, shared by every replica. Environment: HELIUS_RPC_RPS, HELIUS_DAS_RPS.</summary>
internal sealed class HeliusOptions
{
    /// <summary>Helius RPC requests per second across replicas (Free plan: 10).</summary>
    [Range(1, 10_000)]
    public int RpcPerSecond { get; set; } = 10;

    /// <summary>DAS and Enhanced API requests per second across replicas (Free plan: 2).</summary>
    [Range(1, 10_000)]
    public int DasPerSecond { get; set; } = 2;
}
