using System.Diagnostics;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// One of our services as its own OS process (<c>dotnet Alpha2.Worker.dll</c>, the API, the sandbox), for tests that must
/// kill or signal it, or reach it over a real socket.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServiceProcess(Process process) => _process = process;

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

    public static ServiceProcess Worker(IDictionary<string, string?> settings) => Start("Alpha2.Worker", settings);

    /// <summary>The API listening on <paramref name="url"/>.</summary>
    public static ServiceProcess Api(IDictionary<string, string?> settings, string url) => Start("Alpha2.Api", settings, "--urls", url);

    /// <summary>The provider sandbox; SANDBOX_PORT in <paramref name="settings"/> says where.</summary>
    public static ServiceProcess Sandbox(IDictionary<string, string?> settings) => Start("Alpha2.Sandbox", settings);

    private static ServiceProcess Start(string project, IDictionary<string, string?> settings, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [Dll(project), .. arguments])
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

        var service = new ServiceProcess(Process.Start(info)!);
        service._process.OutputDataReceived += (_, line) => service.Append(line.Data);
        service._process.ErrorDataReceived += (_, line) => service.Append(line.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
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

    /// <summary>The project's build beside this test build (same configuration).</summary>
    private static string Dll(string project)
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory); // …/Alpha2.Tests/bin/<Config>/net10.0/
        var configuration = testDir.Parent!.Name;
        var root = testDir.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, project, "bin", configuration, "net10.0", project + ".dll");
        Assert.That(File.Exists(dll), Is.True, $"{project} build not found at {dll}");
        return dll;
    }
}
