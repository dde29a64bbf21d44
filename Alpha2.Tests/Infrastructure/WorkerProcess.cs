using System.Diagnostics;

namespace Alpha2.Tests.Infrastructure;

/// <summary>The worker as its own OS process (<c>dotnet Alpha2.Worker.dll</c>), for tests that must kill or signal it.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static WorkerProcess Start(IDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet", [WorkerDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            // Configuration sections become environment names with double underscores.
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var worker = new WorkerProcess(Process.Start(info)!);
        worker._process.OutputDataReceived += (_, line) => worker.Append(line.Data);
        worker._process.ErrorDataReceived += (_, line) => worker.Append(line.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as docker stop and Kubernetes send.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    /// <summary>The worker build beside this test build (same configuration).</summary>
    private static string WorkerDll()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory); // …/Alpha2.Tests/bin/<Config>/net10.0/
        var configuration = testDir.Parent!.Name;
        var root = testDir.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "Alpha2.Worker", "bin", configuration, "net10.0", "Alpha2.Worker.dll");
        Assert.That(File.Exists(dll), Is.True, $"worker build not found at {dll}");
        return dll;
    }
}
