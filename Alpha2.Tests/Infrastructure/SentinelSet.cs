using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// Redis with Sentinel, as real processes on free loopback ports: a primary, one replica and three
/// <c>redis-sentinel</c>s watching them under <see cref="Service"/> (quorum 2, a primary down after 2 s); with a
/// <see cref="SentinelPassword"/>, the sentinels ask every client, one another included, for it; with
/// <see cref="Certificates"/>, every one of them speaks TLS only, to clients and to one another.
/// </summary>
public sealed class SentinelSet : IAsyncDisposable
{
    public const string Service = "alpha2";

    /// <summary>
    /// Twice the sentinels' 1 s ping period. At 1000 they mark a primary they have just switched to down before their
    /// first PING to it is answered, and fail over again, to whichever server is left (docs/scaling.md).
    /// </summary>
    private const int DownAfterMilliseconds = 2000;

    private readonly string _directory = Directory.CreateTempSubdirectory("alpha2-sentinel-").FullName;
    private readonly List<Process> _sentinels = [];
    private readonly ConcurrentQueue<string> _sentinelOutput = new();
    private readonly int[] _sentinelPorts = [RedisServer.FreePort(), RedisServer.FreePort(), RedisServer.FreePort()];

    private SentinelSet(string? sentinelPassword, bool tls)
    {
        SentinelPassword = sentinelPassword;
        Certificates = tls ? TestCertificates.WriteTo(Subdirectory("tls")) : null;
        var primaryPort = RedisServer.FreePort();
        var replicaPort = RedisServer.FreePort();
        // A full sync starts at once instead of after Redis's 5 s wait for more replicas: there is one.
        Primary = new RedisProcess(primaryPort, Subdirectory("primary"), $"--appendonly no --repl-diskless-sync-delay 0 {Certificates?.ServerArguments(primaryPort)}");
        Replica = new RedisProcess(replicaPort, Subdirectory("replica"), $"--appendonly no --repl-diskless-sync-delay 0 --replicaof 127.0.0.1 {primaryPort} {Certificates?.ServerArguments(replicaPort)}");
    }

    /// <summary>The server that was the primary at start (after a failover, the replica's role).</summary>
    public RedisProcess Primary { get; }

    public RedisProcess Replica { get; }

    /// <summary>The sentinels' own requirepass, or null when they ask for none.</summary>
    public string? SentinelPassword { get; }

    /// <summary>The CA and the certificate every server and sentinel presents, or null when they speak plain RESP.</summary>
    public TestCertificates? Certificates { get; }

    /// <summary>What the sentinels and both servers printed (each line stamped with its time), for a failure's report.</summary>
    public string Logs => $"{string.Join('\n', _sentinelOutput)}\n--- primary at start:\n{Primary.Output}\n--- replica at start:\n{Replica.Output}";

    /// <summary>What the API and the workers are given: every sentinel and the service.</summary>
    public string Url => $"{(Certificates is null ? "redis" : "rediss")}+sentinel://{string.Join(',', _sentinelPorts.Select(p => $"127.0.0.1:{p}"))}/{Service}/0";

    /// <summary>The set, its sentinels naming the primary by address, or with <paramref name="byHostName"/> as localhost.</summary>
    public static async Task<SentinelSet> StartAsync(string? sentinelPassword = null, bool tls = false, bool byHostName = false)
    {
        var set = new SentinelSet(sentinelPassword, tls);
        set.Primary.Start();
        set.Replica.Start();
        foreach (var port in set._sentinelPorts)
        {
            var config = Path.Combine(set.Subdirectory($"sentinel-{port}"), "sentinel.conf");
            var certificates = set.Certificates;
            await File.WriteAllTextAsync(config, $"""
                port {(certificates is null ? port : 0)}
                {(certificates is null ? "" : $"tls-port {port}\ntls-cert-file {certificates.CertificateFile}\ntls-key-file {certificates.KeyFile}\ntls-ca-cert-file {certificates.CaFile}\ntls-auth-clients no\ntls-replication yes")}
                bind 127.0.0.1
                dir {Path.GetDirectoryName(config)}
                {(byHostName ? "sentinel resolve-hostnames yes\nsentinel announce-hostnames yes" : "")}
                sentinel monitor {Service} {(byHostName ? "localhost" : "127.0.0.1")} {set.Primary.Port} 2
                sentinel down-after-milliseconds {Service} {DownAfterMilliseconds}
                sentinel failover-timeout {Service} 10000
                sentinel parallel-syncs {Service} 1
                {(sentinelPassword is null ? "" : $"requirepass {sentinelPassword}\nsentinel sentinel-pass {sentinelPassword}")}
                """);
            var sentinel = Process.Start(new ProcessStartInfo("redis-sentinel", [config]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            // Read as it comes: a sentinel blocks on a full pipe, and its lines tell a failover's story.
            sentinel.OutputDataReceived += (_, line) =>
            {
                if (line.Data is not null)
                {
                    set._sentinelOutput.Enqueue($"sentinel {port}: {line.Data}");
                }
            };
            sentinel.BeginOutputReadLine();
            set._sentinels.Add(sentinel);
        }

        // Ready when every sentinel sees the replica holding the primary's data (its link up: a replica promoted before
        // its first sync would come up empty, and SENTINEL FAILOVER finds no replica good enough until then) and agrees
        // a failover could be authorised.
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var port in set._sentinelPorts)
                {
                    var replicas = await set.SentinelAsync(port, "REPLICAS", Service);
                    var quorum = await set.SentinelAsync(port, "CKQUORUM", Service);
                    if (replicas is null || !((RedisResult[])replicas!).Any(replica => LinkIsUp((RedisResult[])replica!))
                        || quorum is null || !((string)quorum!).StartsWith("OK", StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(30),
            "the replica has synced, and the sentinels know the primary, the replica and each other");
        return set;
    }

    /// <summary>A plain connection to the server that was the primary at start, over TLS when the set speaks it.</summary>
    public Task<ConnectionMultiplexer> ConnectPrimaryAsync() => ConnectionMultiplexer.ConnectAsync(Options(Primary.Port, abortOnConnectFail: false));

    /// <summary>The primary's port as the first sentinel now names it, or null when it does not answer.</summary>
    public Task<int?> PrimaryPortAsync() => PrimaryPortAsync(_sentinelPorts[0]);

    /// <summary>Whether every sentinel names the server on <paramref name="port"/> the primary.</summary>
    public async Task<bool> EveryoneNamesAsPrimaryAsync(int port)
    {
        foreach (var sentinel in _sentinelPorts)
        {
            if (await PrimaryPortAsync(sentinel) != port)
            {
                return false;
            }
        }

        return true;
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
        Certificates?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Whether a replica, as <c>SENTINEL REPLICAS</c> lists its fields and values, is linked to its primary.</summary>
    private static bool LinkIsUp(RedisResult[] fields) =>
        Enumerable.Range(0, fields.Length / 2).Any(i => (string?)fields[2 * i] == "master-link-status" && (string?)fields[2 * i + 1] == "ok");

    private async Task<int?> PrimaryPortAsync(int sentinelPort) =>
        await SentinelAsync(sentinelPort, "GET-MASTER-ADDR-BY-NAME", Service) is { IsNull: false } answer
            ? int.Parse((string)((RedisResult[])answer!)[1]!, CultureInfo.InvariantCulture)
            : null;

    private string Subdirectory(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    private async Task<RedisResult?> SentinelAsync(int port, params object[] arguments)
    {
        try
        {
            var options = Options(port, abortOnConnectFail: true);
            options.CommandMap = CommandMap.Sentinel;
            options.ConnectTimeout = 1_000;
            options.Password = SentinelPassword;
            await using var sentinel = await ConnectionMultiplexer.ConnectAsync(options);
            return await sentinel.GetServer("127.0.0.1", port).ExecuteAsync("SENTINEL", arguments);
        }
        catch (RedisException)
        {
            return null;
        }
    }

    private ConfigurationOptions Options(int port, bool abortOnConnectFail)
    {
        var options = new ConfigurationOptions { EndPoints = { { "127.0.0.1", port } }, AbortOnConnectFail = abortOnConnectFail, AllowAdmin = true };
        if (Certificates is { } certificates)
        {
            options.Ssl = true;
            options.TrustIssuer(certificates.CaFile);
        }

        return options;
    }
}
