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

    /// <summary>The server's last lines (Redis stamps each with the time), for a failure's report.</summary>
    public string Output => string.Join('\n', _output);

    public void Start()
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
                     ?? throw new InvalidOperationException("redis-server is not installed; run: apt-get install -y redis-server");
        _process = Process.Start(new ProcessStartInfo(binary, _arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// A connection once the server answers (<paramref name="options"/> follow its address). If it does not within
    /// 30 s, or exits first, the failure's first line says why (the connection's error, the server's last line) and
    /// the rest carries what the server printed (a port taken, a bad argument).
    /// </summary>
    public async Task<ConnectionMultiplexer> ConnectAsync(string options)
    {
        var timeout = TimeSpan.FromSeconds(30);
        try
        {
            return await Eventually.ResultAsync(
                () => _process is { HasExited: true } process
                    ? throw new InvalidOperationException($"it exited with {process.ExitCode}")
                    : ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},{options}"),
                timeout,
                stopWhen: exception => exception is InvalidOperationException);
        }
        catch (Exception exception) when (exception is RedisConnectionException or InvalidOperationException)
        {
            var state = _process is { HasExited: true } ? $"exited with {_process.ExitCode}" : $"running, did not answer in {timeout.TotalSeconds} s";
            var lastLine = _output.LastOrDefault() ?? "nothing";
            throw new InvalidOperationException(
                $"redis-server on port {Port} ({state}): {FirstLine(exception.Message)}; its last line: {lastLine}; it printed:\n{Output}",
                exception);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

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
        while (_output.Count > 200)
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
