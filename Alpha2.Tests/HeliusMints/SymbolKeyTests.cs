using Alpha2.Worker.Features.HeliusMints;

namespace Alpha2.Tests.HeliusMints;

/// <summary>The "original" rule's symbol key (docs/domain.md §2.2): copycat spellings of one symbol meet.</summary>
public sealed class SymbolKeyTests
{
    [TestCase("$DOGE99", "DOGE99")]
    [TestCase(" doge 99 ", "DOGE99")]
    [TestCase("DОGЕ99", "DOGE99")] // Cyrillic О and Е
    [TestCase("DOGE\u200B99", "DOGE99")]
    [TestCase("ＤＯＧＥ９９", "DOGE99")] // full-width, folded by NFKC
    public void SymbolKey_FoldsCopycatSpellingsTogether(string symbol, string key) =>
        Assert.That(SymbolKey.Normalize(symbol), Is.EqualTo(key));
}
