using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, for the whole test run; each fixture takes its own database.</summary>
public static class RedisServer
{
    private const int Databases = 128;
    private static int _nextDatabase;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> GivenPorts = [];
    private static readonly (int From, int Below) OwnPorts = OwnPortRange();
    private static RedisProcess? _server;

    public static int Port { get; private set; }

    public static ConnectionMultiplexer Connection { get; private set; } = null!;

    public static async Task StartAsync()
    {
        Port = FreePort();
        _server = new RedisProcess(Port, Directory.CreateTempSubdirectory("alpha2-redis-").FullName, $"--appendonly no --databases {Databases}");
        _server.Start();
        Connection = await _server.ConnectAsync("abortConnect=true,allowAdmin=true");
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

    /// <summary>
    /// A loopback port that is free now and that this run has not handed out before. It is taken below the kernel's
    /// ephemeral range: a port from there (what binding port 0 gives) can be taken by any client socket the run opens
    /// before the server it was meant for binds it.
    /// </summary>
    public static int FreePort()
    {
        lock (GivenPorts)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(OwnPorts.From, OwnPorts.Below);
                if (!GivenPorts.Add(port))
                {
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // Taken by another process: try another.
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {OwnPorts.From} and {OwnPorts.Below}.");
    }

    private static (int From, int Below) OwnPortRange()
    {
        // "32768\t60999" on Linux; the run's ports are the ones below it, above those of scripts/stack.sh.
        var ephemeral = File.Exists(EphemeralRange) ? File.ReadAllText(EphemeralRange).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
        var below = ephemeral.Length > 0 && int.TryParse(ephemeral[0], out var low) ? low : 32768;
        return below > 12000 ? (10000, below) : (below + 10000, 65000);
    }
}
