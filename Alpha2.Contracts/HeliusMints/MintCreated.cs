namespace Alpha2.Contracts.HeliusMints;

/// <summary>
/// A pump.fun <c>create</c> or <c>create_v2</c> seen on chain, by the poller or in a webhook delivery: the payload of a
/// <c>helius-mints</c> job. <paramref name="User"/> signed and paid; <paramref name="Creator"/> is the creator argument.
/// <paramref name="DevTokens"/> is what <paramref name="User"/> bought in the same transaction, in whole tokens.
/// <paramref name="BlockTime"/> is unix seconds.
/// </summary>
public sealed record MintCreated(
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
    long Slot)
{
    /// <summary>
    /// How long the same create (by signature) shares its first job: poller pages overlap and Helius retries webhooks,
    /// and a create is ingested once (<see cref="RedisKeys.MintCreateShare"/>).
    /// </summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(1);
}
