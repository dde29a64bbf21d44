using System.ComponentModel.DataAnnotations;

namespace Alpha2.Worker.Providers.RugCheck;

/// <summary>Environment: RUGCHECK_RPS.</summary>
internal sealed class RugCheckOptions
{
    /// <summary>RugCheck publishes no limit; integrations keep to about 2 per second, across replicas.</summary>
    [Range(1, 1_000)]
    public int PerSecond { get; set; } = 2;
}
