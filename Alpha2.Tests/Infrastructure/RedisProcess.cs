using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>One real redis-server process on loopback, which a test may stop and start again on the same port and data.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private readonly string _arguments;
    private readonly ConcurrentQueue<string> _output = new();
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
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
    }

    /// <summary>
    /// A connection once the server answers (<paramref name="options"/> follow its address); if it does not within
    /// 10 s, the failure carries what the server printed (a port taken, a bad argument).
    /// </summary>
    public async Task<ConnectionMultiplexer> ConnectAsync(string options)
    {
        try
        {
            return await Eventually.ResultAsync(() => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},{options}"), TimeSpan.FromSeconds(10));
        }
        catch (RedisConnectionException exception)
        {
            var state = _process is { HasExited: true } ? $"exited with {_process.ExitCode}" : "running";
            throw new InvalidOperationException($"redis-server on port {Port} ({state}) did not answer; it printed:\n{string.Join('\n', _output)}", exception);
        }
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

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40)
        {
            _output.TryDequeue(out _);
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
