namespace Alpha2.Sandbox;

/// <summary>
/// Environment: SANDBOX_PORT (9090), SANDBOX_LATENCY_MS (added to every answer), SANDBOX_FAULT (none, 429, 500 or
/// timeout), SANDBOX_FAULT_PERCENT (share of calls that get the fault, 0–100) and SANDBOX_PUBLIC_URL (how the worker
/// reaches the sandbox, for the metadata links inside its mints; http://127.0.0.1:port by default); for the Solana
/// websocket: SANDBOX_WS_PORT (port + 1), SANDBOX_WS_DROP_EVERY_SECONDS (60; 0 never drops) and SANDBOX_WS_DOWN_SECONDS (3).
/// </summary>
internal sealed record SandboxOptions(int Port, TimeSpan Latency, string Fault, double FaultShare, string PublicUrl)
{
    public int WsPort { get; init; } = Int("SANDBOX_WS_PORT", Port + 1);

    public TimeSpan WsDropEvery { get; init; } = TimeSpan.FromSeconds(Int("SANDBOX_WS_DROP_EVERY_SECONDS", 60));

    public TimeSpan WsDownFor { get; init; } = TimeSpan.FromSeconds(Int("SANDBOX_WS_DOWN_SECONDS", 3));

    public static SandboxOptions FromEnvironment()
    {
        var port = Int("SANDBOX_PORT", 9090);
        return new(
            port,
            TimeSpan.FromMilliseconds(Int("SANDBOX_LATENCY_MS", 0)),
            Environment.GetEnvironmentVariable("SANDBOX_FAULT") is { Length: > 0 } fault ? fault : "none",
            Math.Clamp(Int("SANDBOX_FAULT_PERCENT", 10), 0, 100) / 100.0,
            (Environment.GetEnvironmentVariable("SANDBOX_PUBLIC_URL") is { Length: > 0 } url ? url : $"http://127.0.0.1:{port}").TrimEnd('/'));
    }

    private static int Int(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) ? value : fallback;
}
