using System.Globalization;
using System.Text.Json;

namespace Alpha2.Solana;

/// <summary>
/// The parts of a transaction create detection needs, read from either Helius shape: enhanced (<c>instructions</c> with
/// addresses, <c>tokenTransfers</c>) or raw (<c>transaction.message</c> with account indexes, <c>meta</c> balances).
/// </summary>
internal sealed class HeliusTransaction
{
    private readonly Func<string, string, decimal> _tokensReceived;

    private HeliusTransaction(string signature, long blockTime, long slot, bool failed, IReadOnlyList<Instruction> instructions, Func<string, string, decimal> tokensReceived)
    {
        Signature = signature;
        BlockTime = blockTime;
        Slot = slot;
        Failed = failed;
        Instructions = instructions;
        _tokensReceived = tokensReceived;
    }

    public string Signature { get; }

    public long BlockTime { get; }

    public long Slot { get; }

    public bool Failed { get; }

    public IReadOnlyList<Instruction> Instructions { get; }

    /// <summary>Whole tokens of <c>mint</c> that <c>owner</c> received in this transaction.</summary>
    public decimal TokensReceived(string mint, string owner) => _tokensReceived(mint, owner);

    public static HeliusTransaction? Read(JsonElement tx) =>
        tx.TryGetProperty("transaction", out var inner) && inner.ValueKind == JsonValueKind.Object ? ReadRaw(tx, inner) : ReadEnhanced(tx);

    private static HeliusTransaction? ReadEnhanced(JsonElement tx)
    {
        if (Json.String(tx, "signature") is not { } signature)
        {
            return null;
        }

        var instructions = new List<Instruction>();
        foreach (var ix in Json.Array(tx, "instructions"))
        {
            instructions.AddRange(EnhancedInstruction(ix));
            instructions.AddRange(Json.Array(ix, "innerInstructions").SelectMany(EnhancedInstruction));
        }

        var transfers = Json.Array(tx, "tokenTransfers").ToArray();
        decimal Received(string mint, string owner) => transfers
            .Where(t => Json.String(t, "mint") == mint && Json.String(t, "toUserAccount") == owner)
            .Sum(t => Json.Decimal(t, "tokenAmount") ?? 0);

        return new HeliusTransaction(signature, Json.Long(tx, "timestamp") ?? 0, Json.Long(tx, "slot") ?? 0, Json.IsSet(tx, "transactionError"), instructions, Received);
    }

    private static IEnumerable<Instruction> EnhancedInstruction(JsonElement ix) =>
        Json.String(ix, "programId") is { } program && Json.String(ix, "data") is { } data
            ? [new Instruction(program, Json.Array(ix, "accounts").Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : "").ToArray(), data)]
            : [];

    private static HeliusTransaction? ReadRaw(JsonElement tx, JsonElement transaction)
    {
        if (!transaction.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || Json.Array(transaction, "signatures").FirstOrDefault() is not { ValueKind: JsonValueKind.String } signature)
        {
            return null;
        }

        var meta = tx.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var keys = Json.Array(message, "accountKeys").Select(k => k.ValueKind == JsonValueKind.String ? k.GetString()! : Json.String(k, "pubkey") ?? "")
            .Concat(meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("loadedAddresses", out var loaded)
                ? Json.Array(loaded, "writable").Concat(Json.Array(loaded, "readonly")).Select(k => k.GetString() ?? "")
                : [])
            .ToArray();
        string Key(JsonElement index) => index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var i) && i >= 0 && i < keys.Length
            ? keys[i]
            : index.ValueKind == JsonValueKind.String ? index.GetString()! : "";
        Instruction? Raw(JsonElement ix) =>
            Json.String(ix, "data") is not { } data ? null
            : new Instruction(
                ix.TryGetProperty("programIdIndex", out var p) ? Key(p) : Json.String(ix, "programId") ?? "",
                Json.Array(ix, "accounts").Select(Key).ToArray(),
                data);

        var instructions = Json.Array(message, "instructions")
            .Concat(meta.ValueKind == JsonValueKind.Object ? Json.Array(meta, "innerInstructions").SelectMany(i => Json.Array(i, "instructions")) : [])
            .Select(Raw)
            .OfType<Instruction>()
            .ToArray();
        decimal Received(string mint, string owner) =>
            Balance(meta, "postTokenBalances", mint, owner) - Balance(meta, "preTokenBalances", mint, owner);

        var failed = meta.ValueKind == JsonValueKind.Object && Json.IsSet(meta, "err");
        return new HeliusTransaction(signature.GetString()!, Json.Long(tx, "blockTime") ?? 0, Json.Long(tx, "slot") ?? 0, failed, instructions, Received);
    }

    private static decimal Balance(JsonElement meta, string property, string mint, string owner) =>
        meta.ValueKind != JsonValueKind.Object ? 0 : Json.Array(meta, property)
            .Where(b => Json.String(b, "mint") == mint && Json.String(b, "owner") == owner)
            .Sum(b => b.TryGetProperty("uiTokenAmount", out var amount) ? UiAmount(amount) : 0);

    private static decimal UiAmount(JsonElement amount) =>
        Json.String(amount, "amount") is { } raw && decimal.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var units)
        && Json.Long(amount, "decimals") is >= 0 and <= 18 and var decimals
            ? units / (decimal)Math.Pow(10, decimals)
            : 0;
}
