using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>The host's Redis settings for a fetch loop's own connection, under the given client name.</summary>
internal sealed record BlockingConnectionOptions(Func<string, ConfigurationOptions> Options);
