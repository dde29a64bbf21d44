namespace Alpha2.Bench;

/// <summary>
/// CPU time of named processes over a window (<c>--cpu-pids name=pid,name=pid</c>), from <c>/proc/PID/stat</c>, so a
/// rate can be read beside what each process spent on it. Linux reports the time in USER_HZ ticks, 100 a second.
/// </summary>
internal sealed class ProcessCpu
{
    private const double MicrosecondsPerTick = 1_000_000.0 / 100;

    private readonly (string Name, int Pid)[] _processes;
    private long[] _started = [];

    public ProcessCpu(string pids) =>
        _processes = pids.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Select(parts => (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

    public void Start() => _started = _processes.Select(p => Ticks(p.Pid)).ToArray();

    /// <summary>Appends <c>PREFIX.cpu_us.NAME</c>: each process's CPU microseconds per unit of work since <see cref="Start"/>.</summary>
    public void AppendPerUnit(string results, string prefix, long units)
    {
        for (var i = 0; i < _processes.Length; i++)
        {
            Results.Append(results, $"{prefix}.cpu_us.{_processes[i].Name}", (Ticks(_processes[i].Pid) - _started[i]) * MicrosecondsPerTick / units);
        }
    }

    private static long Ticks(int pid)
    {
        // After "(comm) " come state and 10 more fields; utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }
}
