using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, for the whole test run; each fixture takes its own database.</summary>
public static class RedisServer
{
    private const int Databases = 128;
    private static int _nextDatabase;
    private static RedisProcess? _server;

    public static int Port { get; private set; }

    public static ConnectionMultiplexer Connection { get; private set; } = null!;

    public static async Task StartAsync()
    {
        Port = FreePort();
        _server = new RedisProcess(Port, Directory.CreateTempSubdirectory("alpha2-redis-").FullName, $"--appendonly no --databases {Databases}");
        _server.Start();
        Connection = await Eventually.ResultAsync(
            () => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,allowAdmin=true"),
            TimeSpan.FromSeconds(10));
    }

    public static async Task StopAsync()
    {
        await Connection.DisposeAsync();
        await _server!.DisposeAsync();
        Directory.Delete(_server.Directory, recursive: true);
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
