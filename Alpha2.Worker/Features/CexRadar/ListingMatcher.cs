using System.Text.RegularExpressions;
using Alpha2.Contracts.CexRadar;
using Alpha2.Worker.Providers;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>
/// Finds a query in an announcement: as the ticker in parentheses ("Binance Will List Optimus AI (OPTIMUS)") or as a
/// whole word of the title or text, case-insensitive; and pulls a Solana address out of the text when one is given.
/// </summary>
internal static partial class ListingMatcher
{
    public static bool Matches(Announcement announcement, string query)
    {
        var term = CexQuery.Normalize(query);
        if (term.Length == 0)
        {
            return false;
        }

        var wholeWord = new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(term)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Tickers(announcement.Title).Contains(term, StringComparer.OrdinalIgnoreCase)
               || wholeWord.IsMatch(announcement.Title)
               || (announcement.Text is { } text && wholeWord.IsMatch(text));
    }

    /// <summary>Tickers in parentheses, comma-separated lists included: "(OPTIMUS)", "(ABC, XYZ)".</summary>
    public static IEnumerable<string> Tickers(string title) =>
        Parenthesised().Matches(title).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The first base58 string of Solana-address length in the text, if any.</summary>
    public static string? SolanaAddress(Announcement announcement) =>
        Base58Address().Match($"{announcement.Title} {announcement.Text}") is { Success: true } match ? match.Value : null;

    [GeneratedRegex(@"\(([A-Za-z0-9, ]{1,40})\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex("(?<![1-9A-HJ-NP-Za-km-z])[1-9A-HJ-NP-Za-km-z]{32,44}(?![1-9A-HJ-NP-Za-km-z])")]
    private static partial Regex Base58Address();
}
