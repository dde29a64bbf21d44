namespace Alpha2.Sandbox;

/// <summary>
/// Environment: SANDBOX_PORT (9090), SANDBOX_LATENCY_MS (added to every answer), SANDBOX_FAULT (none, 429, 500 or
/// timeout) and SANDBOX_FAULT_PERCENT (share of calls that get the fault, 0–100).
/// </summary>
internal sealed record SandboxOptions(int Port, TimeSpan Latency, string Fault, double FaultShare)
{
    public static SandboxOptions FromEnvironment() => new(
        Int("SANDBOX_PORT", 9090),
        TimeSpan.FromMilliseconds(Int("SANDBOX_LATENCY_MS", 0)),
        Environment.GetEnvironmentVariable("SANDBOX_FAULT") is { Length: > 0 } fault ? fault : "none",
        Math.Clamp(Int("SANDBOX_FAULT_PERCENT", 10), 0, 100) / 100.0);

    private static int Int(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) ? value : fallback;
}
