using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// A real Redis Cluster of three primaries (no replicas) on free loopback ports, made with <c>redis-cli --cluster
/// create</c> as an operator makes one; ready when every node reports <c>cluster_state:ok</c>.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly List<RedisProcess> _nodes;

    private RedisCluster(string directory, List<RedisProcess> nodes)
    {
        Directory = directory;
        _nodes = nodes;
    }

    public string Directory { get; }

    /// <summary>REDIS_URL naming every node, as docs/redis-keys.md shows it; a cluster has database 0 only.</summary>
    public string Url => $"redis://{string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}"))}/0";

    /// <summary>
    /// StackExchange.Redis's form, for the test's own connection: without the handshake commands a cluster answers with
    /// errors (tie-breaker, SENTINEL, CLIENT SETINFO), as the services' connections in cluster mode, so the nodes' error
    /// counters hold only what the services caused.
    /// </summary>
    public string Configuration =>
        $"{string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}"))},abortConnect=true,allowAdmin=true,tiebreaker=,setlib=false,$SENTINEL=";

    public IReadOnlyList<int> Ports => _nodes.ConvertAll(n => n.Port);

    public static async Task<RedisCluster> StartAsync(int primaries = 3)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("alpha2-cluster-").FullName;
        var nodes = Enumerable.Range(0, primaries).Select(_ =>
        {
            var port = RedisServer.FreePort();
            // The bus port is set too: port + 10000 (Redis's default) may be taken, or past 65535.
            return new RedisProcess(port, directory,
                $"--cluster-enabled yes --cluster-config-file nodes-{port}.conf --cluster-port {RedisServer.FreePort()} --appendonly no");
        }).ToList();
        var cluster = new RedisCluster(directory, nodes);
        nodes.ForEach(node => node.Start());
        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(async () => (await CliAsync(node.Port, "PING")).Output.Trim() == "PONG", TimeSpan.FromSeconds(10), $"node {node.Port} answers");
        }

        var create = await CliAsync(null, ["--cluster", "create", .. nodes.Select(n => $"127.0.0.1:{n.Port}"), "--cluster-replicas", "0", "--cluster-yes"]);
        Assert.That(create.ExitCode, Is.Zero, $"redis-cli --cluster create failed:\n{create.Output}");
        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(
                async () => (await CliAsync(node.Port, "CLUSTER", "INFO")).Output.Contains("cluster_state:ok", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30),
                $"node {node.Port} says cluster_state:ok");
        }

        return cluster;
    }

    /// <summary>
    /// Each node's error counters (<c>INFO errorstats</c> lines such as <c>errorstat_CROSSSLOT:count=1</c>), prefixed with
    /// its port: every error a node answered since it started or since <see cref="ResetStatsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ErrorStatsAsync()
    {
        var stats = new List<string>();
        foreach (var node in _nodes)
        {
            var info = await CliAsync(node.Port, "INFO", "errorstats");
            stats.AddRange(info.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.StartsWith("errorstat_", StringComparison.Ordinal))
                .Select(line => $"{node.Port}: {line}"));
        }

        return stats;
    }

    /// <summary>Zeroes every node's counters (<c>CONFIG RESETSTAT</c>), e.g. after a scratch run of a refused command.</summary>
    public async Task ResetStatsAsync()
    {
        foreach (var node in _nodes)
        {
            await CliAsync(node.Port, "CONFIG", "RESETSTAT");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Runs redis-cli against the node on <paramref name="port"/> (or none, for --cluster commands).</summary>
    private static async Task<(int ExitCode, string Output)> CliAsync(int? port, params string[] arguments)
    {
        var info = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (port is { } p)
        {
            info.ArgumentList.Add("-p");
            info.ArgumentList.Add(p.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(info)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return (cli.ExitCode, await output + await errors);
    }
}
