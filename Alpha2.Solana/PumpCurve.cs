using System.Buffers.Binary;
using System.Text;

namespace Alpha2.Solana;

/// <summary>
/// pump.fun's bonding curve (docs/domain.md §2.5, §3.1): its address, its account's reserves, and the constant-product
/// arithmetic that turns a dev's initial tokens into the SOL they paid.
/// </summary>
public sealed record PumpCurve(
    ulong VirtualTokenReserves, ulong VirtualSolReserves, ulong RealTokenReserves, ulong RealSolReserves, bool Complete, string? Creator = null)
{
    public const int TokenDecimals = 6;
    private const decimal InitialVirtualSol = 30m;
    private const decimal InitialVirtualTokens = 1_073_000_000m;
    private const decimal LamportsPerSol = 1_000_000_000m;

    // Account layout: an 8-byte Anchor discriminator, then five u64, a bool, and since pump.fun's creator-fee upgrade
    // (accounts extended to 150 bytes) the coin's creator, a 32-byte public key (docs/domain.md §3.1).
    private const int CompleteOffset = 8 + 5 * 8;
    private const int CreatorOffset = CompleteOffset + 1;

    public static string Address(string mint) =>
        ProgramAddress.Find(PumpFunCreates.ProgramId, Encoding.UTF8.GetBytes("bonding-curve"), Base58.Decode(mint) ?? []);

    /// <summary>
    /// Reads the account's data; null when it is too short to be a bonding curve. <see cref="Creator"/> is null on an
    /// account from before the creator field (shorter, or the field still zero).
    /// </summary>
    public static PumpCurve? Read(ReadOnlySpan<byte> data) => data.Length <= CompleteOffset ? null : new PumpCurve(
        BinaryPrimitives.ReadUInt64LittleEndian(data[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(data[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(data[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(data[32..]),
        data[CompleteOffset] != 0,
        data.Length >= CreatorOffset + 32 && data.Slice(CreatorOffset, 32).ContainsAnyExcept((byte)0)
            ? Base58.Encode(data.Slice(CreatorOffset, 32))
            : null);

    /// <summary>The spot price of one whole token in SOL: virtual SOL over virtual tokens.</summary>
    public decimal SolPerToken => VirtualTokenReserves == 0
        ? 0
        : VirtualSolReserves / LamportsPerSol / (VirtualTokenReserves / (decimal)Math.Pow(10, TokenDecimals));

    /// <summary>
    /// The SOL a buyer paid into a fresh curve for <paramref name="tokens"/> whole tokens: with k = 30 × 1.073e9,
    /// tokens = 1.073e9 − k / (30 + sol), so sol = 30 × tokens / (1.073e9 − tokens). Fees are not included.
    /// </summary>
    public static decimal InitialBuySol(decimal tokens) =>
        tokens <= 0 || tokens >= InitialVirtualTokens ? 0 : InitialVirtualSol * tokens / (InitialVirtualTokens - tokens);
}
