using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, for the whole test run; each fixture takes its own database.</summary>
public static class RedisServer
{
    private const int Databases = 64;
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private static int _nextDatabase;
    private static Process? _process;
    private static string? _directory;

    public static int Port { get; private set; }

    public static ConnectionMultiplexer Connection { get; private set; } = null!;

    public static async Task StartAsync()
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
                     ?? throw new InvalidOperationException("redis-server is not installed; run: apt-get install -y redis-server");
        Port = FreePort();
        _directory = Directory.CreateTempSubdirectory("alpha2-redis-").FullName;
        _process = Process.Start(new ProcessStartInfo(binary,
            $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --databases {Databases} --dir {_directory}")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        Connection = await Eventually.ResultAsync(
            () => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,allowAdmin=true"),
            TimeSpan.FromSeconds(10));
    }

    public static async Task StopAsync()
    {
        await Connection.DisposeAsync();
        _process?.Kill();
        await (_process?.WaitForExitAsync() ?? Task.CompletedTask);
        _process?.Dispose();
        Directory.Delete(_directory!, recursive: true);
    }

    /// <summary>A database no other fixture uses, emptied.</summary>
    public static async Task<int> TakeDatabaseAsync()
    {
        var db = Interlocked.Increment(ref _nextDatabase);
        Assert.That(db, Is.LessThan(Databases), "More fixtures than Redis databases; raise Databases.");
        await Connection.GetServers()[0].FlushDatabaseAsync(db);
        return db;
    }

    public static string Url(int database) => $"redis://127.0.0.1:{Port}/{database}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
