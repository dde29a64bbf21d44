using System.Diagnostics;

namespace Alpha2.Tests.Infrastructure;

/// <summary>One real redis-server process on loopback, which a test may stop and start again on the same port and data.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private readonly string _arguments;
    private Process? _process;

    public RedisProcess(int port, string directory, string extraArguments = "")
    {
        Port = port;
        Directory = directory;
        _arguments = $"--port {port} --bind 127.0.0.1 --dir {directory} --save \"\" {extraArguments}";
    }

    public int Port { get; }

    public string Directory { get; }

    public void Start()
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
                     ?? throw new InvalidOperationException("redis-server is not installed; run: apt-get install -y redis-server");
        _process = Process.Start(new ProcessStartInfo(binary, _arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
    }

    /// <summary>SIGTERM: Redis flushes its AOF and exits, as a restart by an operator or an orchestrator does.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await term.WaitForExitAsync();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGKILL, as a crash or an OOM kill: no save, no goodbye to clients. <see cref="Start"/> may follow.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
