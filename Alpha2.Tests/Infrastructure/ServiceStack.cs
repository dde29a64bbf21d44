using System.Diagnostics;
using System.Net.Http.Json;
using Alpha2.Tests.Deployment;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// The backend as an operator runs it with <c>scripts/start.sh</c> and no provider keys: its own redis-server (or a
/// Redis Cluster the caller made), the provider sandbox, a worker and the API, each a real process on a free loopback
/// port, wired by <c>scripts/sandbox-env.sh</c> as the start script wires them.
/// </summary>
public sealed class ServiceStack : IAsyncDisposable
{
    private readonly List<ServiceProcess> _processes = [];
    private readonly RedisProcess? _ownRedis;
    private readonly Dictionary<string, string?> _settings;

    private ServiceStack(RedisProcess? ownRedis, Dictionary<string, string?> settings, string sandboxUrl, string sandboxStreamUrl)
    {
        _ownRedis = ownRedis;
        _settings = settings;
        SandboxUrl = sandboxUrl;
        SandboxStreamUrl = sandboxStreamUrl;
    }

    public string SandboxUrl { get; }

    /// <summary>The sandbox's pump.fun <c>logsSubscribe</c> websocket.</summary>
    public string SandboxStreamUrl { get; }

    public string ApiUrl { get; private set; } = "";

    public HttpClient Sandbox { get; } = new();

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    /// <summary>The stack's first worker.</summary>
    public ServiceProcess Worker { get; private set; } = null!;

    /// <summary>The stack on its own single redis-server, as scripts/start.sh runs it.</summary>
    public static async Task<ServiceStack> StartAsync()
    {
        var redis = new RedisProcess(RedisServer.FreePort(), Directory.CreateTempSubdirectory("alpha2-stack-").FullName, "--appendonly no");
        redis.Start();
        return await StartAsync(redis, $"redis://127.0.0.1:{redis.Port}/0", () => redis.ConnectAsync("abortConnect=true,allowAdmin=true"), []);
    }

    /// <summary>The stack on <paramref name="cluster"/> (which stays the caller's) with <c>REDIS_KEY_MODE=cluster</c>.</summary>
    public static Task<ServiceStack> StartAsync(RedisCluster cluster) =>
        StartAsync(null, cluster.Url, () => ConnectAsync(cluster.Configuration), new Dictionary<string, string?> { ["REDIS_KEY_MODE"] = "cluster" });

    /// <summary>
    /// The stack on <paramref name="sentinels"/> (which stay the caller's), its settings changed by
    /// <paramref name="changes"/>. <see cref="Redis"/> is a plain connection to the primary the set started with.
    /// </summary>
    public static Task<ServiceStack> StartAsync(SentinelSet sentinels, IReadOnlyDictionary<string, string?> changes) =>
        StartAsync(null, sentinels.Url, sentinels.ConnectPrimaryAsync, new Dictionary<string, string?>(changes));

    private static async Task<ServiceStack> StartAsync(
        RedisProcess? ownRedis, string redisUrl, Func<Task<ConnectionMultiplexer>> connect, Dictionary<string, string?> extra)
    {
        var sandboxPort = RedisServer.FreePort();
        var sandboxStreamPort = RedisServer.FreePort();
        var sandboxUrl = $"http://127.0.0.1:{sandboxPort}";
        var settings = WorkerHost.TestSettings(redisUrl);
        foreach (var (name, value) in (await SandboxVariablesAsync(sandboxUrl)).Select(p => (p.Key, (string?)p.Value)).Concat(extra.Select(p => (p.Key, p.Value))))
        {
            settings[name] = value;
        }

        // The sandbox's whole history in the first poll, and no waiting for the next.
        settings["HELIUS_POLL_SECONDS"] = "2";
        var stack = new ServiceStack(ownRedis, settings, sandboxUrl, $"ws://127.0.0.1:{sandboxStreamPort}/");
        try
        {
            stack.Redis = await connect();
            stack.Start(ServiceProcess.Sandbox(new Dictionary<string, string?>
            {
                ["SANDBOX_PORT"] = sandboxPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SANDBOX_WS_PORT"] = sandboxStreamPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
            await WaitUntilAnswersAsync(stack.Sandbox, $"{sandboxUrl}/meta/RUG.json", "the sandbox");
            stack.Worker = stack.StartWorker();
            stack.ApiUrl = await stack.StartApiAsync();
            return stack;
        }
        catch
        {
            // A stack that never started must not leave its processes running: an orphaned worker keeps asking for its
            // Redis, and a later test's server may get the same port.
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another worker process on this stack's Redis, with <paramref name="changes"/> to its settings.</summary>
    public ServiceProcess StartWorker(IReadOnlyDictionary<string, string?>? changes = null)
    {
        var worker = ServiceProcess.Worker(With(changes));
        Start(worker);
        return worker;
    }

    /// <summary>Another API process on this stack's Redis, with <paramref name="changes"/> to its settings; its base URL.</summary>
    public async Task<string> StartApiAsync(IReadOnlyDictionary<string, string?>? changes = null)
    {
        var url = $"http://127.0.0.1:{RedisServer.FreePort()}";
        Start(ServiceProcess.Api(With(changes), url));
        using var http = new HttpClient();
        await WaitUntilAnswersAsync(http, $"{url}/health/ready", "the API");
        return url;
    }

    /// <summary>Makes the sandbox answer every call under <paramref name="path"/> with <paramref name="fault"/> (500, 429, timeout), or none.</summary>
    public async Task SetFaultAsync(string fault, string path = "/*")
    {
        using var answer = await Sandbox.PutAsJsonAsync($"{SandboxUrl}/sandbox/fault", new { fault, percent = 100, path });
        answer.EnsureSuccessStatusCode();
    }

    public string Logs => string.Join("\n", _processes.Select(p => p.Output));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        Sandbox.Dispose();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_ownRedis is not null)
        {
            await _ownRedis.DisposeAsync();
            Directory.Delete(_ownRedis.Directory, recursive: true);
        }
    }

    private void Start(ServiceProcess process) => _processes.Add(process);

    private static Task<ConnectionMultiplexer> ConnectAsync(string configuration) =>
        Eventually.ResultAsync(() => ConnectionMultiplexer.ConnectAsync(configuration), TimeSpan.FromSeconds(10));

    private Dictionary<string, string?> With(IReadOnlyDictionary<string, string?>? changes)
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (name, value) in changes ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        return settings;
    }

    private static async Task WaitUntilAnswersAsync(HttpClient http, string url, string what) =>
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    using var answer = await http.GetAsync(url);
                    return answer.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            $"{what} answers at {url}");

    /// <summary>What <c>scripts/sandbox-env.sh</c> exports for a sandbox at <paramref name="sandboxUrl"/>: read from the script itself.</summary>
    private static async Task<Dictionary<string, string>> SandboxVariablesAsync(string sandboxUrl)
    {
        var script = Path.Combine(EnvExampleTests.RepositoryRoot(), "scripts", "sandbox-env.sh");
        var info = new ProcessStartInfo("env", ["-i", "bash", "-c", ". \"$0\" \"$1\" && env -0", script, sandboxUrl])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.That(bash.ExitCode, Is.Zero, "scripts/sandbox-env.sh failed");
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] is not ("PWD" or "SHLVL" or "_" or "OLDPWD"))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }
}
