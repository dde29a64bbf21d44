
namespace Alpha2.Worker.Providers.Helius;

/// <summary>One top token account: the wallet (or program account) that owns it and its balance in whole tokens.</summary>
internal sealed record Holding(string Owner, string TokenAccount, decimal Tokens);
