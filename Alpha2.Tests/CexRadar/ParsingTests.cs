using Alpha2.Worker.Features.CexRadar;
using Alpha2.Worker.Providers;
using Alpha2.Worker.Providers.Telegram;

namespace Alpha2.Tests.CexRadar;

public sealed class ParsingTests
{
    private static Announcement Titled(string title, string? text = null) => new("Binance", title, "https://x", DateTimeOffset.UnixEpoch, text);

    [TestCase("Binance Will List Optimus AI (OPTIMUS)", "OPTIMUS", true)]
    [TestCase("Binance Will List Optimus AI (OPTIMUS)", "optimus", true)]
    [TestCase("Binance Will List Optimus AI (OPTIMUS)", "$OPTIMUS", true)]
    [TestCase("Binance Will List Optimus AI (OPTIMUS)", "Optimus AI", true)]
    [TestCase("Binance Will Add Alpha, Beta (ABC, XYZ)", "XYZ", true)]
    [TestCase("Binance Will List Optimusprime (OPTP)", "OPTIMUS", false)]
    [TestCase("Binance Will List OPTIMUS2 (OPT2)", "OPTIMUS", false)]
    [TestCase("New Listing: OTHER/USDT", "OPTIMUS", false)]
    public void Matches_TickerInParentheses_OrWholeWordOfTheName(string title, string query, bool expected)
    {
        Assert.That(ListingMatcher.Matches(Titled(title), query), Is.EqualTo(expected));
    }

    [Test]
    public void SolanaAddress_InTheText_IsFound()
    {
        var announcement = Titled("Binance Will List Helium (HNT)", "HNT (SOL) smart contract address: hntyVP6YFm1Hg25TN9WGLqM12b8TQmcknKrdu1oxWux.");

        Assert.That(ListingMatcher.SolanaAddress(announcement), Is.EqualTo("hntyVP6YFm1Hg25TN9WGLqM12b8TQmcknKrdu1oxWux"));
        Assert.That(ListingMatcher.SolanaAddress(Titled("Binance Will List Helium (HNT)")), Is.Null);
    }

    [TestCase("https://t.me/optimus_ai", "optimus_ai")]
    [TestCase("t.me/optimus_ai/", "optimus_ai")]
    [TestCase("@optimus_ai", "optimus_ai")]
    [TestCase("https://t.me/+invite", null)]
    [TestCase("https://evil.example/optimus_ai", null)]
    [TestCase("https://t.me/../../admin", null)]
    public void TelegramHandle_OnlyFromATelegramLink(string link, string? handle)
    {
        Assert.That(TelegramOnline.Handle(link), Is.EqualTo(handle));
    }

    [TestCase("24 512 members, 1 800 online", 1800)]
    [TestCase("24,512 members, 1,800 online", 1800)]
    [TestCase("3 members, 1 online", 1)]
    [TestCase("24\u00a0512 members, 1\u00a0800 online", 1800)]
    [TestCase("12 345 subscribers", 0)]
    public void TelegramOnline_IsTheOnlineFigureOfTheGroupPage(string extra, int online)
    {
        var page = $"""<div class="tgme_page_title">X</div><div class="tgme_page_extra">{extra}</div>""";

        Assert.That(TelegramOnline.Parse(page), Is.EqualTo(online));
    }

    [Test]
    public void TelegramOnline_PageWithoutTheFigure_IsZero()
    {
        Assert.That(TelegramOnline.Parse("<html><body>If you have Telegram, you can contact</body></html>"), Is.Zero);
    }
}
