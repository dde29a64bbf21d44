using Microsoft.Extensions.Configuration;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// What the sentinels themselves ask of a client (their <c>requirepass</c>, or an ACL user of theirs): set apart from
/// the primary's credentials, which REDIS_URL carries, since a Sentinel deployment keeps the two separately
/// (docs/scaling.md).
/// </summary>
public sealed record SentinelCredentials(string? User, string Password)
{
    public const string UserVariable = "REDIS_SENTINEL_USER";
    public const string PasswordVariable = "REDIS_SENTINEL_PASSWORD";

    /// <summary>The credentials configured, or null when REDIS_SENTINEL_PASSWORD is empty or unset.</summary>
    public static SentinelCredentials? From(IConfiguration configuration) =>
        configuration[PasswordVariable] is { Length: > 0 } password
            ? new SentinelCredentials(configuration[UserVariable] is { Length: > 0 } user ? user : null, password)
            : configuration[UserVariable] is { Length: > 0 }
                ? throw new FormatException($"{UserVariable} is set without {PasswordVariable}.")
                : null;

    // A record prints its members: keep the password out of any log or exception that shows one.
    public override string ToString() => $"SentinelCredentials {{ User = {User}, Password = *** }}";
}
