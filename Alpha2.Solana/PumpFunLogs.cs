namespace Alpha2.Solana;

/// <summary>
/// pump.fun creates read from a transaction's log messages, as a <c>logsSubscribe</c> notification carries them
/// (docs/domain.md §3.2): the program's <c>Instruction: Create</c>/<c>CreateV2</c> log says a create happened, and its
/// <c>CreateEvent</c> (a <c>Program data:</c> line) names the coin, so most creates need no transaction fetch.
/// </summary>
public static class PumpFunLogs
{
    private const string Invoke = " invoke [";
    private const string DataPrefix = "Program data: ";

    // Anchor event discriminators: the first 8 bytes of sha256("event:CreateEvent") and sha256("event:TradeEvent").
    private static readonly byte[] CreateEvent = [27, 114, 169, 77, 222, 235, 99, 118];
    private static readonly byte[] TradeEvent = [189, 219, 127, 211, 78, 230, 97, 238];

    /// <summary>True when pump.fun itself (top-level or inner) logged a create or create_v2 instruction.</summary>
    public static bool IsCreate(IReadOnlyList<string> logs) =>
        ProgramLines(logs).Any(l => l is "Program log: Instruction: Create" or "Program log: Instruction: CreateV2");

    /// <summary>
    /// The create as its events tell it: CreateEvent for the coin, the user's buy in the same transaction (TradeEvent)
    /// for the dev's tokens, the event's timestamp (or the buy's) for the block time. Null when the logs lack what the
    /// row needs (no event, an event from before timestamps with no buy, truncated logs): then fetch the transaction.
    /// </summary>
    public static PumpFunCreate? FromEvents(string signature, long slot, IReadOnlyList<string> logs)
    {
        var events = ProgramLines(logs).Where(l => l.StartsWith(DataPrefix, StringComparison.Ordinal)).Select(Decode).OfType<byte[]>().ToArray();
        var created = events.Where(e => e.AsSpan(0, 8).SequenceEqual(CreateEvent)).Select(ReadCreate).FirstOrDefault(c => c is not null);
        if (created is not { } c)
        {
            return null;
        }

        var buys = events.Where(e => e.AsSpan(0, 8).SequenceEqual(TradeEvent)).Select(ReadTrade)
            .Where(t => t is { IsBuy: true } && t.Value.Mint == c.Mint && t.Value.User == c.User).Select(t => t!.Value).ToArray();
        var blockTime = c.Timestamp ?? (buys.Length > 0 ? buys[0].Timestamp : null);
        return blockTime is not { } time ? null : new PumpFunCreate(
            signature, c.Mint, Clean(c.Name), Clean(c.Symbol), c.Uri.Trim(), c.Creator ?? c.User, c.User, c.Curve,
            buys.Sum(b => (decimal)b.Tokens) / 1_000_000m, time, slot);
    }

    /// <summary>The lines pump.fun logged while it was the running program, inner invocations of itself included.</summary>
    private static IEnumerable<string> ProgramLines(IReadOnlyList<string> logs)
    {
        var running = new Stack<string>();
        foreach (var line in logs)
        {
            if (line.StartsWith("Program ", StringComparison.Ordinal) && line.IndexOf(Invoke, StringComparison.Ordinal) is > 8 and var at)
            {
                running.Push(line[8..at]);
            }
            else if (running.Count > 0 && (line == $"Program {running.Peek()} success" || line.StartsWith($"Program {running.Peek()} failed", StringComparison.Ordinal)))
            {
                running.Pop();
            }
            else if (running.TryPeek(out var program) && program == PumpFunCreates.ProgramId)
            {
                yield return line;
            }
        }
    }

    private static byte[]? Decode(string line)
    {
        var buffer = new byte[line.Length];
        return Convert.TryFromBase64String(line[DataPrefix.Length..], buffer, out var length) && length > 8 ? buffer[..length] : null;
    }

    /// <summary>CreateEvent: name, symbol, uri, mint, bonding curve, user; newer versions add creator and timestamp.</summary>
    private static (string Name, string Symbol, string Uri, string Mint, string Curve, string User, string? Creator, long? Timestamp)? ReadCreate(byte[] data)
    {
        var reader = new BorshReader(data, 8);
        if (reader.String() is not { } name || reader.String() is not { } symbol || reader.String() is not { } uri
            || reader.PublicKey() is not { } mint || reader.PublicKey() is not { } curve || reader.PublicKey() is not { } user)
        {
            return null;
        }

        var creator = reader.PublicKey();
        return (name, symbol, uri, mint, curve, user, creator, creator is null ? null : (long?)reader.U64());
    }

    /// <summary>TradeEvent's leading fields, stable across versions: mint, SOL, tokens, is_buy, user, timestamp.</summary>
    private static (string Mint, ulong Tokens, bool IsBuy, string User, long? Timestamp)? ReadTrade(byte[] data)
    {
        var reader = new BorshReader(data, 8);
        return reader.PublicKey() is { } mint && reader.U64() is not null && reader.U64() is { } tokens && reader.Bool() is { } isBuy && reader.PublicKey() is { } user
            ? (mint, tokens, isBuy, user, (long?)reader.U64())
            : null;
    }

    private static string Clean(string text) => new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
}
