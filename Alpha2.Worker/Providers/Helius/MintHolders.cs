using System.Globalization;
using System.Text.Json;
using Alpha2.Solana;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>
/// A mint's largest holders, split into wallets and infrastructure, and its bonding curve when it has one. Infrastructure
/// is what must never count as a holder (docs/domain.md §2.1, §2.3): the burn address, and every owner off the ed25519 curve,
/// which is a program's account (the bonding curve, an AMM pool's vault) rather than a person's wallet.
/// </summary>
internal sealed record MintHolders(string Mint, IReadOnlyList<Holding> Wallets, IReadOnlyList<Holding> Infrastructure, PumpCurve? Curve)
{
    public const string Incinerator = "1nc1nerator11111111111111111111111111111111";

    /// <summary>Builds the split from getTokenLargestAccounts and getMultipleAccounts of those accounts plus the curve (last).</summary>
    public static MintHolders From(string mint, IReadOnlyList<TokenAccountBalance> largest, IReadOnlyList<AccountInfo?> accounts)
    {
        var holdings = largest
            .Select((balance, i) => i < accounts.Count && Owner(accounts[i]) is { } owner ? new Holding(owner, balance.Address, Tokens(balance)) : null)
            .OfType<Holding>()
            .OrderByDescending(h => h.Tokens)
            .ToArray();
        var curve = accounts.Count > largest.Count ? ReadCurve(accounts[largest.Count]) : null;
        return new MintHolders(
            mint,
            holdings.Where(h => !IsInfrastructure(h.Owner)).ToArray(),
            holdings.Where(h => IsInfrastructure(h.Owner)).ToArray(),
            curve);
    }

    public static bool IsInfrastructure(string owner) => owner == Incinerator || !ProgramAddress.IsOnCurve(owner);

    /// <summary>The wallet behind a jsonParsed token account: <c>data.parsed.info.owner</c>, not the account's program owner.</summary>
    private static string? Owner(AccountInfo? account) =>
        account?.Data is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("parsed", out var parsed) && parsed.ValueKind == JsonValueKind.Object
        && parsed.TryGetProperty("info", out var info) && info.ValueKind == JsonValueKind.Object
        && info.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.String
            ? owner.GetString()
            : null;

    private static PumpCurve? ReadCurve(AccountInfo? account)
    {
        if (account?.Data is not { ValueKind: JsonValueKind.Array } data || data.GetArrayLength() < 1 || data[0].ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var bytes = new byte[data[0].GetString()!.Length];
        return Convert.TryFromBase64String(data[0].GetString()!, bytes, out var length) ? PumpCurve.Read(bytes.AsSpan(0, length)) : null;
    }

    private static decimal Tokens(TokenAccountBalance balance) =>
        decimal.TryParse(balance.Amount, NumberStyles.None, CultureInfo.InvariantCulture, out var raw) && balance.Decimals is >= 0 and <= 18
            ? raw / (decimal)Math.Pow(10, balance.Decimals)
            : 0;
}
