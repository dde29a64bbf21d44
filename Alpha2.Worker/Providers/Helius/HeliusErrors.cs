using System.Text.Json;
using Alpha2.Queue.Consumer;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>Helius's two error shapes: <c>{"error":"…"}</c> on HTTP errors, and JSON-RPC <c>{"error":{code,message}}</c> inside 200.</summary>
internal static class HeliusErrors
{
    /// <summary>The message of an error body, for the failure's text.</summary>
    public static string? Read(string? body)
    {
        try
        {
            using var document = body is null ? null : JsonDocument.Parse(body);
            return document?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out var error)
                ? error.ValueKind == JsonValueKind.String ? error.GetString() : error.Deserialize(HeliusJson.Default.JsonRpcError)?.Message
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Each request's result by id; a JSON-RPC error, or a missing answer, fails the call with its code and message.</summary>
    public static Dictionary<string, JsonElement> Results(JsonElement answer, IReadOnlyList<JsonRpcRequest> requests)
    {
        var items = answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray().ToArray() : [answer];
        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in items.Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var id = item.TryGetProperty("id", out var value) ? value.ToString() : "";
            if (item.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw Failure(error);
            }

            if (item.TryGetProperty("result", out var result))
            {
                results[id] = result;
            }
        }

        return requests.All(r => results.ContainsKey(r.Id))
            ? results
            : throw new JobFailedException("Helius answered without a result for every request.", transient: true);
    }

    private static JobFailedException Failure(JsonElement error)
    {
        var parsed = error.ValueKind == JsonValueKind.Object ? error.Deserialize(HeliusJson.Default.JsonRpcError) : new JsonRpcError(0, error.ToString());
        // -32600..-32602 are the caller's mistakes (invalid request, method or params); the rest are the node's trouble.
        var transient = parsed?.Code is not (-32600 or -32601 or -32602);
        return new JobFailedException($"Helius RPC error {parsed?.Code}: {parsed?.Message ?? "no message"}", transient);
    }
}
