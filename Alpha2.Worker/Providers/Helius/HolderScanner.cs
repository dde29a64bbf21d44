using Alpha2.Solana;

namespace Alpha2.Worker.Providers.Helius;

/// <summary>
/// Holders of many mints in two Helius requests however many mints: one batch of getTokenLargestAccounts, then one
/// batch of getMultipleAccounts (one per mint, its top accounts and its bonding curve together): 2 credits per mint.
/// </summary>
internal sealed class HolderScanner(HeliusRpc rpc)
{
    public async Task<IReadOnlyDictionary<string, MintHolders>> ScanAsync(IReadOnlyList<string> mints, CancellationToken cancellationToken)
    {
        var largest = await rpc.LargestAccountsAsync(mints, cancellationToken);
        var groups = mints.Select(m => (IReadOnlyList<string>)[.. largest[m].Select(a => a.Address), PumpCurve.Address(m)]).ToArray();
        var accounts = await rpc.MultipleAccountsAsync(groups, cancellationToken);
        return mints.Select((mint, i) => MintHolders.From(mint, largest[mint], accounts[i])).ToDictionary(h => h.Mint, StringComparer.Ordinal);
    }
}
