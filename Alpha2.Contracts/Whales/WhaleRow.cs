using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Whales;

/// <summary>One row of <c>GET /api/whales/top3</c>.</summary>
public sealed record WhaleRow(
    string Mint,
    string Name,
    int Whales,
    [property: JsonPropertyName("sol_sum")] decimal SolSum);
