using Alpha2.Contracts;
using Alpha2.Contracts.Metrics;
using StackExchange.Redis;

namespace Alpha2.Api.Metrics;

/// <summary>Reads every provider's hourly buckets (calls, summed latency, credits) over the last hours, in one round trip.</summary>
internal sealed class ProviderHistoryReader(IConnectionMultiplexer redis, TimeProvider clock)
{
    /// <summary>The buckets live 25 hours (docs/redis-keys.md): a day is all there is to read.</summary>
    public const int MaxHours = 24;

    public async Task<ProviderHistory[]> ReadAsync(int hours)
    {
        var now = clock.GetUtcNow();
        var currentHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var starts = Enumerable.Range(0, hours).Select(i => currentHour.AddHours(i - hours + 1)).ToArray();
        var batch = redis.GetDatabase().CreateBatch();
        var reads = ProviderNames.All.Select(provider => (
            Provider: provider,
            Hours: starts.Select(start => batch.HashGetAsync(RedisKeys.UsageHour(provider, start), ["calls", "ms", "credits"])).ToArray())).ToArray();
        batch.Execute();

        var history = new ProviderHistory[reads.Length];
        for (var p = 0; p < reads.Length; p++)
        {
            var points = new ProviderHour[starts.Length];
            for (var h = 0; h < starts.Length; h++)
            {
                var fields = await reads[p].Hours[h];
                var calls = fields[0].IsNull ? 0 : (long)fields[0];
                points[h] = new ProviderHour(
                    starts[h].ToUnixTimeSeconds(),
                    calls,
                    calls > 0 && !fields[1].IsNull ? Math.Round((double)fields[1] / calls, 1) : null,
                    fields[2].IsNull ? 0 : Math.Round((decimal)(double)fields[2], 2));
            }

            history[p] = new ProviderHistory(reads[p].Provider, points);
        }

        return history;
    }
}
