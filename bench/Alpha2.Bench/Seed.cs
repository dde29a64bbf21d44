using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>Stores the read endpoints' results as the worker would (<c>&lt;queue&gt;:latest</c>), so the API has something to serve.</summary>
internal static class Seed
{
    public static async Task<int> RunAsync(Arguments args)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(args.Text("--redis", "127.0.0.1:6379"));
        var db = redis.GetDatabase();
        await db.StringSetAsync(QueueKeys.Latest(QueueNames.Whales), SampleResults.WhalesTop3);
        await db.StringSetAsync(QueueKeys.Latest(QueueNames.HeliusMints), SampleResults.Mints);
        Console.WriteLine($"seeded whales top3 ({SampleResults.WhalesTop3.Length} B) and {SampleResults.MintRows} mints ({SampleResults.Mints.Length} B)");
        return 0;
    }
}
