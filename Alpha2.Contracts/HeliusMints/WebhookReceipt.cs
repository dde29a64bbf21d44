namespace Alpha2.Contracts.HeliusMints;

/// <summary>The answer to a Helius webhook delivery: how many transactions came, and the ingestion jobs of the creates among them.</summary>
public sealed record WebhookReceipt(int Transactions, IReadOnlyList<string> JobIds);
