namespace Alpha2.Api.CexRadar;

/// <summary>
/// Identical searches within <see cref="ShareWindow"/> share one job (CEX_RADAR_SHARE_SECONDS, 60 by default; 0 turns
/// sharing off). Read once at startup: a bad value stops the API there, not every search with a 500.
/// </summary>
internal sealed record CexRadarOptions(TimeSpan ShareWindow)
{
    public const string ShareSecondsVariable = "CEX_RADAR_SHARE_SECONDS";

    public static CexRadarOptions From(IConfiguration configuration)
    {
        var seconds = configuration.GetValue(ShareSecondsVariable, 60);
        return seconds >= 0
            ? new CexRadarOptions(TimeSpan.FromSeconds(seconds))
            : throw new InvalidOperationException($"{ShareSecondsVariable} is a number of seconds, 0 for no sharing; it was {seconds}.");
    }
}
