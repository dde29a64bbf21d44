namespace Alpha2.Contracts;

/// <summary>
/// The one rule that differs between the key modes: where a hash tag goes. <c>QueueKeys</c> and <see cref="RedisKeys"/>
/// build every name through it. The mode is read once, when a host composes itself, and holds for the whole process:
/// an API and a worker on one Redis must name keys alike, so nothing switches it later (docs/redis-keys.md).
/// </summary>
public static class KeyScheme
{
    /// <summary>The environment variable that chooses the mode: <c>spec</c> (the default) or <c>cluster</c>.</summary>
    public const string Variable = "REDIS_KEY_MODE";

    private static readonly Lock Gate = new();
    private static RedisKeyMode? _mode;

    /// <summary>This process's mode: <see cref="RedisKeyMode.Spec"/> until a host chose another with <see cref="Use"/>.</summary>
    public static RedisKeyMode Mode => _mode ?? RedisKeyMode.Spec;

    /// <summary>
    /// Fixes the process's mode from <c>REDIS_KEY_MODE</c>'s <paramref name="value"/> (unset: spec). A second host in the
    /// same process (the tests compose several) may ask again for the same mode, never for another.
    /// </summary>
    public static RedisKeyMode Use(string? value)
    {
        var mode = Parse(value);
        lock (Gate)
        {
            if (_mode is { } chosen && chosen != mode)
            {
                throw new InvalidOperationException(
                    $"{Variable} is already {chosen.ToString().ToLowerInvariant()} in this process; one process cannot name keys both ways.");
            }

            _mode = mode;
        }

        return mode;
    }

    /// <summary>The mode a value of <c>REDIS_KEY_MODE</c> names; anything but spec or cluster fails, naming the variable.</summary>
    public static RedisKeyMode Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "spec" => RedisKeyMode.Spec,
        "cluster" => RedisKeyMode.Cluster,
        _ => throw new InvalidOperationException($"{Variable} must be 'spec' or 'cluster', not '{value}'."),
    };

    /// <summary>
    /// The first part of every key that belongs to <paramref name="name"/> (a queue, or a group of shared keys that one
    /// script reads together): the name itself, or in cluster mode its hash tag <c>{name}</c>, so Redis Cluster hashes
    /// all of them to one slot and a script may touch them together.
    /// </summary>
    public static string Tag(string name) => Mode == RedisKeyMode.Cluster ? "{" + name + "}" : name;

    /// <summary>
    /// <paramref name="key"/> in the slot of <paramref name="group"/>: as it is in spec mode, <c>{group}:key</c> in cluster
    /// mode. For keys whose spec name does not start with the group's own (the AI spend beside the rate windows).
    /// </summary>
    public static string InGroup(string group, string key) => Mode == RedisKeyMode.Cluster ? "{" + group + "}:" + key : key;
}
