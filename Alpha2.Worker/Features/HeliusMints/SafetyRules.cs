namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>What <see cref="SafetyRules"/> judges; null means the data could not be had.</summary>
internal sealed record SafetyInputs(
    bool AssetKnown,
    string? MintAuthority,
    string? FreezeAuthority,
    IReadOnlyList<string>? RugCheckDangers,
    decimal? Top10Percent,
    decimal? DevPercent);

/// <summary>
/// docs/domain.md §2.1 as explicit rules: authorities revoked, no blocklisted RugCheck danger, top-10 holders (curve, pools
/// and burn excluded) within the cap, dev share within the cap. Missing data is never safe: it is a reason too.
/// </summary>
internal static class SafetyRules
{
    // The system program's address, which some tools report instead of null for a revoked authority.
    private const string Revoked = "11111111111111111111111111111111";

    public static IReadOnlyList<string> Reasons(SafetyInputs inputs, HeliusMintsOptions options)
    {
        var reasons = new List<string>();
        if (!inputs.AssetKnown)
        {
            reasons.Add("unknown: token authorities");
        }
        else
        {
            if (IsSet(inputs.MintAuthority))
            {
                reasons.Add("mint authority not revoked");
            }

            if (IsSet(inputs.FreezeAuthority))
            {
                reasons.Add("freeze authority not revoked");
            }
        }

        if (inputs.RugCheckDangers is null)
        {
            reasons.Add("unknown: RugCheck report");
        }
        else
        {
            reasons.AddRange(inputs.RugCheckDangers.Where(options.RugCheckBlocklist.Contains).Select(d => $"RugCheck danger: {d}"));
        }

        reasons.Add(inputs.Top10Percent switch
        {
            null => "unknown: holders",
            var top10 when top10 > options.MaxTop10Percent => $"top 10 holders hold {top10:0.#}% (> {options.MaxTop10Percent}%)",
            _ => "",
        });
        reasons.Add(inputs.DevPercent switch
        {
            null => "unknown: dev share",
            var dev when dev > options.MaxDevPercent => $"dev holds {dev:0.#}% (> {options.MaxDevPercent}%)",
            _ => "",
        });
        return reasons.Where(r => r.Length > 0).ToArray();
    }

    private static bool IsSet(string? authority) => !string.IsNullOrEmpty(authority) && authority != Revoked;
}
