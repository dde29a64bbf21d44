using System.Text.Json.Serialization;

namespace Alpha2.Contracts.Ops;

/// <summary>
/// <c>GET /api/ops/access</c>: what a console must know before it offers changes: whether ops changes are off
/// (<c>OPS_READ_ONLY</c>) and whether POSTs need <c>X-API-Key</c> (<c>API_KEY</c> set). The key itself is never sent.
/// </summary>
public sealed record OpsAccess(
    [property: JsonPropertyName("read_only")] bool ReadOnly,
    [property: JsonPropertyName("api_key_required")] bool ApiKeyRequired);
