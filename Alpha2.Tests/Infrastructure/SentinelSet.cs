using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// Redis with Sentinel, as real processes on free loopback ports: a primary, one replica and three
/// <c>redis-sentinel</c>s watching them under <see cref="Service"/> (quorum 2, a primary down after 1 s); with a
/// <see cref="SentinelPassword"/>, the sentinels ask every client, one another included, for it.
/// </summary>
public sealed class SentinelSet : IAsyncDisposable
{
    public const string Service = "alpha2";

    private readonly string _directory = Directory.CreateTempSubdirectory("alpha2-sentinel-").FullName;
    private readonly List<Process> _sentinels = [];
    private readonly int[] _sentinelPorts = [RedisServer.FreePort(), RedisServer.FreePort(), RedisServer.FreePort()];

    private SentinelSet(string? sentinelPassword)
    {
        SentinelPassword = sentinelPassword;
        var primaryPort = RedisServer.FreePort();
        var replicaPort = RedisServer.FreePort();
        Primary = new RedisProcess(primaryPort, Subdirectory("primary"), "--appendonly no");
        Replica = new RedisProcess(replicaPort, Subdirectory("replica"), $"--appendonly no --replicaof 127.0.0.1 {primaryPort}");
    }

    /// <summary>The server that was the primary at start (after a failover, the replica's role).</summary>
    public RedisProcess Primary { get; }

    public RedisProcess Replica { get; }

    /// <summary>The sentinels' own requirepass, or null when they ask for none.</summary>
    public string? SentinelPassword { get; }

    /// <summary>What the API and the workers are given: every sentinel and the service.</summary>
    public string Url => $"redis+sentinel://{string.Join(',', _sentinelPorts.Select(p => $"127.0.0.1:{p}"))}/{Service}/0";

    public static async Task<SentinelSet> StartAsync(string? sentinelPassword = null)
    {
        var set = new SentinelSet(sentinelPassword);
        set.Primary.Start();
        set.Replica.Start();
        foreach (var port in set._sentinelPorts)
        {
            var config = Path.Combine(set.Subdirectory($"sentinel-{port}"), "sentinel.conf");
            await File.WriteAllTextAsync(config, $"""
                port {port}
                bind 127.0.0.1
                dir {Path.GetDirectoryName(config)}
                sentinel monitor {Service} 127.0.0.1 {set.Primary.Port} 2
                sentinel down-after-milliseconds {Service} 1000
                sentinel failover-timeout {Service} 10000
                sentinel parallel-syncs {Service} 1
                {(sentinelPassword is null ? "" : $"requirepass {sentinelPassword}\nsentinel sentinel-pass {sentinelPassword}")}
                """);
            set._sentinels.Add(Process.Start(new ProcessStartInfo("redis-sentinel", [config]) { RedirectStandardOutput = true, UseShellExecute = false })!);
        }

        // Ready when every sentinel knows the replica and agrees a failover could be authorised.
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var port in set._sentinelPorts)
                {
                    var replicas = await set.SentinelAsync(port, "REPLICAS", Service);
                    var quorum = await set.SentinelAsync(port, "CKQUORUM", Service);
                    if (replicas is null || ((RedisResult[])replicas!).Length == 0 || quorum is null || !((string)quorum!).StartsWith("OK", StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(30),
            "the sentinels know the primary, its replica and each other");
        return set;
    }

    /// <summary>The primary's port as the sentinels now name it.</summary>
    public async Task<int> PrimaryPortAsync()
    {
        var address = (RedisResult[])(await SentinelAsync(_sentinelPorts[0], "GET-MASTER-ADDR-BY-NAME", Service))!;
        return int.Parse((string)address[1]!, CultureInfo.InvariantCulture);
    }

    /// <summary>A failover as an operator asks for one (<c>SENTINEL FAILOVER</c>): the replica is promoted at once.</summary>
    public async Task FailoverAsync()
    {
        var answer = await SentinelAsync(_sentinelPorts[0], "FAILOVER", Service);
        Assert.That((string?)answer, Is.EqualTo("OK"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sentinel in _sentinels)
        {
            if (!sentinel.HasExited)
            {
                sentinel.Kill();
                await sentinel.WaitForExitAsync();
            }

            sentinel.Dispose();
        }

        await Primary.DisposeAsync();
        await Replica.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string Subdirectory(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    private async Task<RedisResult?> SentinelAsync(int port, params object[] arguments)
    {
        try
        {
            await using var sentinel = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
            {
                EndPoints = { { "127.0.0.1", port } },
                CommandMap = CommandMap.Sentinel,
                AllowAdmin = true,
                ConnectTimeout = 1_000,
                Password = SentinelPassword,
            });
            return await sentinel.GetServer("127.0.0.1", port).ExecuteAsync("SENTINEL", arguments);
        }
        catch (RedisException)
        {
            return null;
        }
    }
}
