using System.Text.Json.Nodes;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// The world's transaction history (docs/providers.md §1.a, §1.e): what <c>getTransaction</c> answers and what
/// <c>getSignaturesForAddress</c> lists, newest first, under each account a transaction names.
/// </summary>
internal sealed partial class SolanaWorld
{
    private readonly List<(string Signature, long Slot, long BlockTime, HashSet<string> Accounts, bool Failed)> _history = [];
    private readonly Dictionary<string, JsonObject> _transactions = new(StringComparer.Ordinal);

    /// <summary>Lands a raw transaction (getTransaction's shape): its signature, slot, block time and account keys come from it.</summary>
    public void Land(JsonObject transaction)
    {
        var signature = transaction["transaction"]!["signatures"]![0]!.GetValue<string>();
        var keys = transaction["transaction"]!["message"]!["accountKeys"]!.AsArray().Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            _transactions[signature] = transaction;
            _history.Add((signature, transaction["slot"]!.GetValue<long>(), transaction["blockTime"]!.GetValue<long>(), keys, transaction["meta"]?["err"] is not null));
        }
    }

    private void ClearHistory()
    {
        _history.Clear();
        _transactions.Clear();
    }

    private JsonNode? Transaction(string signature) => _transactions.TryGetValue(signature, out var transaction) ? transaction.DeepClone() : null;

    /// <summary>Newest first, after <c>until</c> and before <c>before</c> (both exclusive), at most <c>limit</c> (1000).</summary>
    private JsonArray Signatures(string address, JsonNode? config)
    {
        var limit = Math.Clamp(config?["limit"]?.GetValue<int>() ?? 1000, 1, 1000);
        var until = config?["until"]?.GetValue<string>();
        var before = config?["before"]?.GetValue<string>();
        var answer = new JsonArray();
        var started = before is null;
        for (var i = _history.Count - 1; i >= 0 && answer.Count < limit; i--)
        {
            var entry = _history[i];
            if (entry.Signature == until)
            {
                break;
            }

            if (!started)
            {
                started = entry.Signature == before;
                continue;
            }

            if (entry.Accounts.Contains(address))
            {
                answer.Add(new JsonObject
                {
                    ["signature"] = entry.Signature, ["slot"] = entry.Slot, ["blockTime"] = entry.BlockTime, ["memo"] = null,
                    ["err"] = entry.Failed ? new JsonObject { ["InstructionError"] = new JsonArray(0, new JsonObject { ["Custom"] = 6002 }) } : null,
                    ["confirmationStatus"] = "confirmed",
                });
            }
        }

        return answer;
    }
}
