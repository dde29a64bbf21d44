using System.Buffers.Binary;
using System.Text;
using Alpha2.Solana;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// The log messages a node records for pump.fun transactions (docs/domain.md §3.2): the instruction's name, the inner
/// calls, and the program's Anchor events as <c>Program data:</c> lines, in the order mainnet shows them.
/// </summary>
internal static class PumpFunLogMessages
{
    private const string TokenProgram = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
    private const string System = "11111111111111111111111111111111";
    private static readonly byte[] CreateEvent = [27, 114, 169, 77, 222, 235, 99, 118];
    private static readonly byte[] TradeEvent = [189, 219, 127, 211, 78, 230, 97, 238];

    /// <summary>A create with the dev's buy; without <paramref name="events"/> the Program data lines are missing, as in truncated logs.</summary>
    public static IEnumerable<string> Create(Create create, bool events = true)
    {
        var pump = SolanaWorld.PumpProgram;
        var curve = SolanaWorld.CurveAddress(create.Mint);
        var raw = (ulong)decimal.Round(create.DevTokens * 1_000_000m);
        events = events && IsKey(create.Mint) && IsKey(create.User);
        return new[]
        {
            $"Program {pump} invoke [1]",
            create.V2 ? "Program log: Instruction: CreateV2" : "Program log: Instruction: Create",
            $"Program {System} invoke [2]", $"Program {System} success",
            $"Program {TokenProgram} invoke [2]", "Program log: Instruction: InitializeMint2", $"Program {TokenProgram} success",
            $"Program {pump} invoke [2]", $"Program {pump} success",
            events ? "Program data: " + Convert.ToBase64String(CreateEventData(create, curve)) : "",
            $"Program {pump} success",
            $"Program {pump} invoke [1]",
            "Program log: Instruction: Buy",
            $"Program {TokenProgram} invoke [2]", "Program log: Instruction: Transfer", $"Program {TokenProgram} success",
            $"Program {pump} invoke [2]", $"Program {pump} success",
            events ? "Program data: " + Convert.ToBase64String(TradeEventData(create.Mint, raw, true, create.User, create.Timestamp)) : "",
            $"Program {pump} success",
        }.Where(l => l.Length > 0);
    }

    /// <summary>A buy or sell by <paramref name="trader"/>: what most of the program's traffic is.</summary>
    public static IEnumerable<string> Trade(string mint, string trader, ulong tokens, bool buy, long timestamp)
    {
        var pump = SolanaWorld.PumpProgram;
        return !IsKey(mint) || !IsKey(trader) ? [] :
        [
            $"Program ComputeBudget111111111111111111111111111111 invoke [1]", "Program ComputeBudget111111111111111111111111111111 success",
            $"Program {pump} invoke [1]",
            buy ? "Program log: Instruction: Buy" : "Program log: Instruction: Sell",
            $"Program {TokenProgram} invoke [2]", "Program log: Instruction: Transfer", $"Program {TokenProgram} success",
            $"Program {pump} invoke [2]", $"Program {pump} success",
            "Program data: " + Convert.ToBase64String(TradeEventData(mint, tokens, buy, trader, timestamp)),
            $"Program {pump} consumed 35957 of 106893 compute units",
            $"Program {pump} success",
        ];
    }

    /// <summary>The current CreateEvent: name, symbol, uri, mint, curve, user, creator, timestamp, then reserves we do not read.</summary>
    private static byte[] CreateEventData(Create create, string curve)
    {
        var data = new List<byte>(CreateEvent);
        foreach (var text in new[] { create.Symbol + " coin", create.Symbol, create.Uri })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            data.AddRange(U64((ulong)bytes.Length)[..4]);
            data.AddRange(bytes);
        }

        foreach (var key in new[] { create.Mint, curve, create.User, create.User })
        {
            data.AddRange(Key(key));
        }

        data.AddRange(U64((ulong)create.Timestamp));
        data.AddRange(U64(1_073_000_000_000_000));
        data.AddRange(U64(30_000_000_000));
        return [.. data];
    }

    private static byte[] TradeEventData(string mint, ulong tokens, bool buy, string user, long timestamp) =>
        [.. TradeEvent, .. Key(mint), .. U64(tokens / 30_000), .. U64(tokens), buy ? (byte)1 : (byte)0, .. Key(user), .. U64((ulong)timestamp),
         .. U64(30_000_000_000), .. U64(1_073_000_000_000_000)];

    /// <summary>Events carry keys as 32 bytes; the sandbox's readable made-up mints are shorter, so their creates log no events.</summary>
    private static bool IsKey(string address) => Base58.Decode(address) is { Length: 32 };

    private static byte[] Key(string address) => Base58.Decode(address)!;

    private static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
