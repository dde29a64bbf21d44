using System.Globalization;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Whales;

namespace Alpha2.Bench;

/// <summary>
/// UI-shaped results of the read endpoints, encoded once: the bench stores them as the worker would, and the static
/// server answers with the very same bytes, so the two read rates compare like with like.
/// </summary>
internal static class SampleResults
{
    public const int MintRows = 50;

    public static byte[] WhalesTop3 { get; } = JsonSerializer.SerializeToUtf8Bytes(
        Enumerable.Range(1, 3).Select(i => new WhaleRow(Mint(i), $"Token {i}", 10 + i, 1_000m + i * 12.5m)).ToArray(),
        Alpha2Json.Default.WhaleRowArray);

    public static byte[] Mints { get; } = JsonSerializer.SerializeToUtf8Bytes(
        Enumerable.Range(1, MintRows).Select(i => new MintRow(
            $"Token {i}", Mint(i), $"team{i}", i % 2 == 0, i % 3 != 0, i % 4 == 0, 12.5m + i,
            new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc).AddSeconds(-i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).ToArray(),
        Alpha2Json.Default.MintRowArray);

    /// <summary>What the API's enqueue answers, with a job id of the real length.</summary>
    public static byte[] Accepted { get; } = """{"jobId":"cex-radar:1764000000000"}"""u8.ToArray();

    // A base58-looking mint address of the real length (44 characters).
    private static string Mint(int i) => $"{i:D4}So1111111111111111111111111111111111111pump"[..44];
}
