using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Alpha2.Contracts.Metrics;
using Alpha2.Worker.Infrastructure;

namespace Alpha2.Worker.Providers.Telegram;

/// <summary>
/// <c>social.tg_online</c>: the "N online" figure Telegram prints on a public group's page
/// (<c>&lt;div class="tgme_page_extra"&gt;24 512 members, 1 800 online&lt;/div&gt;</c>). Channels show subscribers only: 0.
/// </summary>
internal sealed partial class TelegramOnline(HttpClient http, ProviderMetrics metrics)
{
    public async Task<int> OnlineAsync(string telegramLink, CancellationToken cancellationToken)
    {
        if (Handle(telegramLink) is not { } handle)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        var page = await ProviderFailures.CallAsync("Telegram", keyVariable: null, () => http.GetStringAsync($"{http.BaseAddress!.AbsoluteUri.TrimEnd('/')}/{handle}", cancellationToken), _ => null, cancellationToken);
        var online = Parse(page);
        metrics.RecordCall(ProviderNames.Parser, Stopwatch.GetElapsedTime(started), 200);
        return online;
    }

    /// <summary>The handle of <c>https://t.me/name</c>, <c>t.me/name</c> or <c>@name</c>; null for anything else.</summary>
    internal static string? Handle(string link)
    {
        var handle = TelegramLink().Match(link.Trim());
        return handle.Success ? handle.Groups["handle"].Value : null;
    }

    internal static int Parse(string html)
    {
        var extra = PageExtra().Match(html);
        if (!extra.Success || OnlineCount().Match(extra.Groups[1].Value) is not { Success: true } online)
        {
            return 0;
        }

        var digits = new string(online.Groups[1].Value.Where(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
    }

    [GeneratedRegex(@"^(?:(?:https?://)?(?:t\.me|telegram\.me)/|@)(?<handle>[A-Za-z0-9_]{4,32})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex TelegramLink();

    [GeneratedRegex(@"class=""tgme_page_extra""[^>]*>([^<]*)<")]
    private static partial Regex PageExtra();

    // Telegram groups digits with spaces, no-break or thin spaces, or commas.
    [GeneratedRegex(@"([\d][\d \u00a0\u202f,.]*)\s+online", RegexOptions.IgnoreCase)]
    private static partial Regex OnlineCount();
}
