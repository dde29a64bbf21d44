using System.Text.Json;
using Alpha2.Contracts.Metrics;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Birdeye;

/// <summary>
/// Birdeye calls with the key, the <c>success:false</c> envelope turned into a readable failure, and each call's
/// compute units booked for the metrics panel (CU table: docs/providers.md §2.0, UNCONFIRMED by Birdeye).
/// </summary>
internal sealed class BirdeyeClient(IBirdeyeApi api, IConfiguration configuration, ProviderMetrics metrics)
{
    public const string KeyVariable = "BIRDEYE_API_KEY";
    private const double SearchCu = 10;
    private const double OverviewCu = 30;
    private const double PriceCu = 10;

    /// <summary>Solana tokens matching <paramref name="keyword"/> by symbol, name or address, most liquid first.</summary>
    public async Task<IReadOnlyList<BirdeyeSearchToken>> SearchAsync(string keyword, string searchBy, CancellationToken cancellationToken)
    {
        var data = await CallAsync(key => api.SearchAsync(keyword, searchBy, key, cancellationToken), SearchCu, cancellationToken);
        return data?.Items?.Where(g => g.Type == "token").SelectMany(g => g.Result ?? []).ToArray() ?? [];
    }

    public Task<BirdeyeTokenOverview?> TokenOverviewAsync(string mint, CancellationToken cancellationToken) =>
        CallAsync(key => api.TokenOverviewAsync(mint, key, cancellationToken), OverviewCu, cancellationToken);

    public Task<BirdeyePrice?> PriceAsync(string mint, CancellationToken cancellationToken) =>
        CallAsync(key => api.PriceAsync(mint, key, cancellationToken), PriceCu, cancellationToken);

    private async Task<T?> CallAsync<T>(Func<string, Task<BirdeyeEnvelope<T>>> call, double computeUnits, CancellationToken cancellationToken)
    {
        var key = ProviderFailures.RequireKey(configuration, "Birdeye", KeyVariable);
        var envelope = await ProviderFailures.CallAsync("Birdeye", KeyVariable, () => call(key), ReadError, cancellationToken);
        metrics.AddCredits(ProviderNames.Birdeye, computeUnits);
        return envelope.Success
            ? envelope.Data
            : throw new JobFailedException($"Birdeye answered success:false: {envelope.Message ?? "no message"}");
    }

    private static string? ReadError(string? body)
    {
        try
        {
            return body is null ? null : JsonSerializer.Deserialize(body, BirdeyeJson.Default.BirdeyeEnvelopeJsonElement)?.Message;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
