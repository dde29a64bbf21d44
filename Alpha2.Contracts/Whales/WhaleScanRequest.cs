namespace Alpha2.Contracts.Whales;

/// <summary>Optional body of <c>POST /api/whales/scan</c>; without mints the latest feed mints are scanned.</summary>
public sealed record WhaleScanRequest(IReadOnlyList<string>? Mints);
