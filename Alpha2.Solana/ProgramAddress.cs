using System.Numerics;
using System.Security.Cryptography;

namespace Alpha2.Solana;

/// <summary>
/// Solana program-derived addresses (find_program_address) and the ed25519 on-curve test behind them. An address off
/// the curve has no private key: it belongs to a program (a bonding curve, a pool vault), never to a person's wallet.
/// </summary>
public static class ProgramAddress
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger D = Mod(-121665 * BigInteger.ModPow(121666, P - 2, P));
    private static readonly byte[] Marker = "ProgramDerivedAddress"u8.ToArray();

    /// <summary>The address for <paramref name="seeds"/> under <paramref name="programId"/>, with the highest bump that is off the curve.</summary>
    public static string Find(string programId, params byte[][] seeds)
    {
        var program = Base58.Decode(programId) ?? throw new ArgumentException("Not a base58 address.", nameof(programId));
        for (var bump = 255; bump >= 0; bump--)
        {
            var input = seeds.SelectMany(s => s).Append((byte)bump).Concat(program).Concat(Marker).ToArray();
            var hash = SHA256.HashData(input);
            if (!IsOnCurve(hash))
            {
                return Base58.Encode(hash);
            }
        }

        throw new InvalidOperationException("No program address found.");
    }

    /// <summary>True when <paramref name="address"/> decodes to an ed25519 point: a key someone could sign with.</summary>
    public static bool IsOnCurve(string address) => Base58.Decode(address) is { Length: 32 } key && IsOnCurve(key);

    /// <summary>curve25519-dalek's decompression test: y from the low 255 bits, then is (y²−1)/(d·y²+1) a square mod p?</summary>
    private static bool IsOnCurve(byte[] key)
    {
        var bytes = (byte[])key.Clone();
        bytes[31] &= 0x7f;
        var y = Mod(new BigInteger(bytes, isUnsigned: true, isBigEndian: false));
        var y2 = y * y % P;
        var u = Mod(y2 - 1);
        var v = Mod(D * y2 + 1);
        if (u.IsZero)
        {
            return true;
        }

        if (v.IsZero)
        {
            return false;
        }

        var x2 = u * BigInteger.ModPow(v, P - 2, P) % P;
        return BigInteger.ModPow(x2, (P - 1) / 2, P).IsOne;
    }

    private static BigInteger Mod(BigInteger value) => (value % P + P) % P;
}
