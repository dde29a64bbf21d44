namespace Alpha2.Sandbox;

/// <summary>
/// The small coherent world every provider answers from: OPTIMUS, listed on Binance and OKX, with a real mint and a
/// copycat on Birdeye, recent tweets and a Telegram group; and LLMs that answer with usage.
/// </summary>
internal static class World
{
    public const string OptimusMint = "9RjwNo6hBPkxayWHCqQD1VjaH8igSizEseNZNbddpump";
    public const string OptimusCopycat = "Cop1cat1111111111111111111111111111111pump";
    public const string TelegramHandle = "optimus_ai";

    /// <summary>Announcements are dated relative to now, so the radar always finds a fresh listing.</summary>
    public static long MinutesAgoMs(int minutes) => DateTimeOffset.UtcNow.AddMinutes(-minutes).ToUnixTimeMilliseconds();

    public static string TwitterDate(int minutesAgo) =>
        DateTimeOffset.UtcNow.AddMinutes(-minutesAgo).UtcDateTime.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
