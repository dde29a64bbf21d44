using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Alpha2.Solana;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// pump.fun transactions as Helius delivers them: enhanced (Enhanced API, enhanced webhooks; docs/providers.md §1.c) and raw
/// (getTransaction's shape, raw webhooks), with a real <c>create</c>/<c>create_v2</c> instruction in Anchor's encoding.
/// </summary>
internal static class PumpFunTransactions
{
    private const string Global = "4wTV1YmiEkRvAtNtsSGPtUrqRYQMe5SKy2uB4Jjaxnjf";
    private const string MintAuthority = "TSLvdd1pWpHVjahSpsvCXUbgwsL3JAcvokwaKt1eokM";
    private const string Metaplex = "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s";

    public sealed record Create(
        string Signature, string Mint, string User, string Symbol, decimal DevTokens, long Timestamp, string Uri = "https://ipfs.io/ipfs/QmMeta", bool V2 = false, bool Failed = false, long Slot = 396430764, bool Events = true);

    public static JsonObject Enhanced(Create create) => new()
    {
        ["description"] = "", ["type"] = "CREATE", ["source"] = "PUMP_FUN", ["fee"] = 5000, ["feePayer"] = create.User,
        ["signature"] = create.Signature, ["slot"] = 396430764, ["timestamp"] = create.Timestamp,
        ["nativeTransfers"] = new JsonArray(new JsonObject { ["fromUserAccount"] = create.User, ["toUserAccount"] = SolanaWorld.CurveAddress(create.Mint), ["amount"] = 1_000_000 }),
        ["tokenTransfers"] = new JsonArray(new JsonObject
        {
            ["fromUserAccount"] = SolanaWorld.CurveAddress(create.Mint), ["toUserAccount"] = create.User,
            ["fromTokenAccount"] = SolanaWorld.AccountOf("curve-vault-" + create.Mint), ["toTokenAccount"] = SolanaWorld.AccountOf(create.User + create.Mint),
            ["tokenAmount"] = create.DevTokens, ["decimals"] = SolanaWorld.Decimals, ["tokenStandard"] = "Fungible", ["mint"] = create.Mint,
        }),
        ["accountData"] = new JsonArray(),
        ["transactionError"] = create.Failed ? new JsonObject { ["error"] = "custom program error: 0x1771" } : null,
        ["instructions"] = new JsonArray(new JsonObject
        {
            ["programId"] = SolanaWorld.PumpProgram,
            ["accounts"] = new JsonArray([.. Accounts(create).Select(a => (JsonNode?)a)]),
            ["data"] = InstructionData(create),
            ["innerInstructions"] = new JsonArray(),
        }),
        ["events"] = new JsonObject(),
    };

    public static JsonObject Raw(Create create)
    {
        var keys = Accounts(create).Append(SolanaWorld.PumpProgram).Distinct().ToList();
        var raw = decimal.Round(create.DevTokens * 1_000_000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["blockTime"] = create.Timestamp,
            ["slot"] = create.Slot,
            ["meta"] = new JsonObject
            {
                ["err"] = create.Failed ? new JsonObject { ["InstructionError"] = new JsonArray(0, "Custom") } : null,
                ["fee"] = 5000,
                ["preTokenBalances"] = new JsonArray(),
                ["postTokenBalances"] = new JsonArray(new JsonObject
                {
                    ["accountIndex"] = 3, ["mint"] = create.Mint, ["owner"] = create.User,
                    ["uiTokenAmount"] = new JsonObject { ["amount"] = raw, ["decimals"] = SolanaWorld.Decimals, ["uiAmount"] = create.DevTokens },
                }),
                ["innerInstructions"] = new JsonArray(),
                ["loadedAddresses"] = new JsonObject { ["writable"] = new JsonArray(), ["readonly"] = new JsonArray() },
                ["logMessages"] = new JsonArray([.. PumpFunLogMessages.Create(create, create.Events).Select(l => (JsonNode?)l)]),
            },
            ["transaction"] = new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["accountKeys"] = new JsonArray([.. keys.Select(k => (JsonNode?)k)]),
                    ["instructions"] = new JsonArray(new JsonObject
                    {
                        ["programIdIndex"] = keys.IndexOf(SolanaWorld.PumpProgram),
                        ["accounts"] = new JsonArray([.. Accounts(create).Select(a => (JsonNode?)keys.IndexOf(a))]),
                        ["data"] = InstructionData(create),
                    }),
                    ["recentBlockhash"] = "EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N",
                },
                ["signatures"] = new JsonArray(create.Signature),
            },
        };
    }

    /// <summary>A pump.fun buy: the program's busiest instruction, which must not read as a create.</summary>
    public static JsonObject EnhancedBuy(string signature, string mint, string buyer, long timestamp) => new()
    {
        ["description"] = "", ["type"] = "SWAP", ["source"] = "PUMP_FUN", ["fee"] = 5000, ["feePayer"] = buyer,
        ["signature"] = signature, ["slot"] = 396430765, ["timestamp"] = timestamp, ["transactionError"] = null,
        ["instructions"] = new JsonArray(new JsonObject
        {
            ["programId"] = SolanaWorld.PumpProgram,
            ["accounts"] = new JsonArray(Global, "CebN5WGQ4jvEPvsVU4EoHEpgzq1VV7AbicfhtW4xC9iM", mint, SolanaWorld.CurveAddress(mint), buyer),
            // sha256("global:buy")[..8], amount, max SOL cost.
            ["data"] = Base58.Encode([102, 6, 61, 18, 1, 218, 235, 234, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]),
            ["innerInstructions"] = new JsonArray(),
        }),
        ["tokenTransfers"] = new JsonArray(),
        ["events"] = new JsonObject(),
    };

    private static IEnumerable<string> Accounts(Create create)
    {
        var curve = SolanaWorld.CurveAddress(create.Mint);
        var vault = SolanaWorld.AccountOf("curve-vault-" + create.Mint);
        return create.V2
            ? [create.Mint, MintAuthority, curve, vault, Global, create.User, "11111111111111111111111111111111"]
            : [create.Mint, MintAuthority, curve, vault, Global, Metaplex, SolanaWorld.AccountOf("metadata-" + create.Mint), create.User];
    }

    /// <summary>Anchor: the 8-byte discriminator, then name, symbol, uri as u32-length strings, then the creator key.</summary>
    private static string InstructionData(Create create)
    {
        byte[] discriminator = create.V2 ? [214, 144, 76, 236, 95, 139, 49, 180] : [24, 30, 200, 40, 5, 28, 7, 119];
        var data = new List<byte>(discriminator);
        foreach (var text in new[] { create.Symbol + " coin", create.Symbol, create.Uri })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
            data.AddRange(length);
            data.AddRange(bytes);
        }

        data.AddRange(Base58.Decode(create.User)!);
        if (create.V2)
        {
            data.Add(0);
        }

        return Base58.Encode(data.ToArray());
    }
}
