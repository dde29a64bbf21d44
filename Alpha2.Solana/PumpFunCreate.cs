namespace Alpha2.Solana;

/// <summary>
/// A pump.fun <c>create</c> or <c>create_v2</c> decoded from a transaction. <paramref name="User"/> signed and paid;
/// <paramref name="Creator"/> is the creator argument. <paramref name="DevTokens"/> is what <paramref name="User"/>
/// bought in the same transaction, in whole tokens. <paramref name="BlockTime"/> is unix seconds.
/// </summary>
public sealed record PumpFunCreate(
    string Signature,
    string Mint,
    string Name,
    string Symbol,
    string Uri,
    string Creator,
    string User,
    string BondingCurve,
    decimal DevTokens,
    long BlockTime,
    long Slot);
