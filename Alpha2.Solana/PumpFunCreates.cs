using System.Text.Json;

namespace Alpha2.Solana;

/// <summary>
/// Finds pump.fun creates in Helius transactions, enhanced (Enhanced API, enhanced webhooks) or raw (getTransaction's
/// shape, raw webhooks), by decoding the program's own instruction: Helius documents no transaction type for pump.fun
/// creates (docs/providers.md §1.c). Shared by the API's webhook and the worker's poller, so both find the same creates.
/// </summary>
public static class PumpFunCreates
{
    public const string ProgramId = "6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P";

    /// <summary>
    /// The program address for seed <c>["mint-authority"]</c>: an account of every create and create_v2 and of no trade,
    /// so its signature history lists the creates alone (docs/domain.md §3.2).
    /// </summary>
    public const string MintAuthority = "TSLvdd1pWpHVjahSpsvCXUbgwsL3JAcvokwaKt1eokM";

    // Anchor discriminators: the first 8 bytes of sha256("global:create") and sha256("global:create_v2").
    private static readonly byte[] Create = [24, 30, 200, 40, 5, 28, 7, 119];
    private static readonly byte[] CreateV2 = [214, 144, 76, 236, 95, 139, 49, 180];

    // Where the signer sits among the instruction's accounts: create has the Metaplex accounts before it.
    private const int CreateUserIndex = 7;
    private const int CreateV2UserIndex = 5;

    /// <summary>Every successful create in <paramref name="transactions"/> (an array, or one transaction).</summary>
    public static IReadOnlyList<PumpFunCreate> Find(JsonElement transactions)
    {
        var items = transactions.ValueKind == JsonValueKind.Array ? transactions.EnumerateArray().ToArray() : [transactions];
        return items.Where(t => t.ValueKind == JsonValueKind.Object)
            .Select(HeliusTransaction.Read)
            .Where(t => t is { Failed: false })
            .SelectMany(t => t!.Instructions.Where(i => i.ProgramId == ProgramId).Select(i => Decode(i, t!)))
            .OfType<PumpFunCreate>()
            .ToArray();
    }

    private static PumpFunCreate? Decode(Instruction instruction, HeliusTransaction transaction)
    {
        if (Base58.Decode(instruction.Data) is not { Length: > 8 } data)
        {
            return null;
        }

        var userIndex = data.AsSpan(0, 8).SequenceEqual(Create) ? CreateUserIndex
            : data.AsSpan(0, 8).SequenceEqual(CreateV2) ? CreateV2UserIndex
            : -1;
        if (userIndex < 0 || instruction.Accounts.Count <= userIndex)
        {
            return null;
        }

        var reader = new BorshReader(data, 8);
        if (reader.String() is not { } name || reader.String() is not { } symbol || reader.String() is not { } uri)
        {
            return null;
        }

        var mint = instruction.Accounts[0];
        var user = instruction.Accounts[userIndex];
        return new PumpFunCreate(
            transaction.Signature,
            mint,
            Clean(name),
            Clean(symbol),
            uri.Trim(),
            reader.PublicKey() ?? user,
            user,
            instruction.Accounts[2],
            transaction.TokensReceived(mint, user),
            transaction.BlockTime,
            transaction.Slot);
    }

    /// <summary>Names are free text chosen by the deployer; bots strip control characters and newlines (docs/domain.md §0).</summary>
    private static string Clean(string text) => new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
}
