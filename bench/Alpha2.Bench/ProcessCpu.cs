using System.Globalization;

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
            .Select(parts => (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture)))
            .ToArray();

    public bool IsEmpty => _processes.Length == 0;

    public void Start() => _started = _processes.Select(p => Ticks(p.Pid)).ToArray();

    /// <summary>Each process's CPU microseconds per unit of work since <see cref="Start"/>, by name.</summary>
    public Dictionary<string, double> PerUnit(long units) =>
        _processes.Select((p, i) => (p.Name, PerUnit: (Ticks(p.Pid) - _started[i]) * MicrosecondsPerTick / Math.Max(1, units)))
            .ToDictionary(p => p.Name, p => Math.Round(p.PerUnit, 3), StringComparer.Ordinal);

    private static long Ticks(int pid)
    {
        // After "(comm) " come state and 10 more fields; utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
