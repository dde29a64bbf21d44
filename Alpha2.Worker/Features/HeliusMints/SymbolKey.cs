using System.Globalization;
using System.Text;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>
/// A symbol normalised for the "original" index (docs/domain.md §2.2): NFKC, uppercase, without <c>$</c>, spaces or
/// zero-width characters, and with Cyrillic and Greek look-alikes folded to Latin, so "$dоge 99" (Cyrillic о) is DOGE99.
/// </summary>
internal static class SymbolKey
{
    private static readonly Dictionary<char, char> Homoglyphs = new()
    {
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C',
        ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['І'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
    };

    public static string Normalize(string symbol)
    {
        // NFKC is a no-op under InvariantGlobalization, so full-width forms (ＤＯＧＥ) are also folded by hand below.
        var text = symbol.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '$' || char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control)
            {
                continue;
            }

            key.Append(c is >= '\uFF01' and <= '\uFF5E' ? char.ToUpperInvariant((char)(c - 0xFEE0)) : Homoglyphs.GetValueOrDefault(c, c));
        }

        return key.ToString();
    }
}
