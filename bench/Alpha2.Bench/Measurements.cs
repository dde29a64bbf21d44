using System.Text.Json.Serialization;
using Alpha2.Contracts.AiInfer;

namespace Alpha2.Bench;

/// <summary>
/// One step's figures: a line of the results file (JSON lines, <see cref="BenchResults"/>). Each bench step appends
/// its own kind; bench/bullmq/throughput.mjs writes <see cref="WorkerRun"/> lines in the same shape. The report and
/// compare.sh's lines read them back; nothing parses figures out of text.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RunInfo), "run")]
[JsonDerivedType(typeof(HttpRun), "http")]
[JsonDerivedType(typeof(WorkerRun), "worker")]
[JsonDerivedType(typeof(FloorRun), "floor")]
[JsonDerivedType(typeof(EndToEndRun), "e2e")]
[JsonDerivedType(typeof(PeakRss), "rss")]
[JsonDerivedType(typeof(RetentionRun), "memory")]
internal abstract record Measurement;

/// <summary>What ran, where and with which knobs; the report's heading. <see cref="Cores"/> sets the worker CPU budget.</summary>
internal sealed record RunInfo(DateTimeOffset At, string Commit, int Cores, string Machine, string Settings) : Measurement;

/// <summary>Who answered an HTTP or Redis load: the API, the static server (the HTTP limit) or redis-benchmark (Redis's).</summary>
internal enum Server
{
    Api,
    Static,
    RedisBenchmark,
}

/// <summary>What the load asked for: a new job (the enqueue), a stored result (whales top 3, mints), a finished job.</summary>
internal enum Route
{
    Enqueue,
    Top3,
    Mints,
    Job,
}

/// <summary>
/// One measured run of wrk (or redis-benchmark) at a fixed number of connections. <see cref="Pair"/> numbers the
/// alternating static/API pairs of a read, or the rounds of the enqueue (static, API and redis-benchmark each); <see cref="CpuUsPerRequest"/> is each named process's CPU per request;
/// <see cref="ScriptCalls"/> the EVALSHA calls Redis served meanwhile (jobs per call = requests / calls).
/// </summary>
internal sealed record HttpRun(Server Server, Route Route, int Connections, double Rps, double P50Ms, double P99Ms, long Requests, long Errors) : Measurement
{
    public int? Pair { get; init; }

    public Dictionary<string, double>? CpuUsPerRequest { get; init; }

    public long? ScriptCalls { get; init; }
}

/// <summary>The queue a worker run measured.</summary>
internal enum QueueSystem
{
    Alpha2,
    BullMQ,
}

/// <summary>
/// Jobs/s of <see cref="Processes"/> worker processes at <see cref="Concurrency"/> each on <see cref="Provider"/>'s
/// path (<see cref="AiProviders"/>), and the CPU each process spent per job (<see cref="CpuNames"/>: worker0…, redis,
/// stub). Records from before the Groq path carry no provider and read as Gemini, the one they ran: a constructor
/// parameter's default fills a missing property, where an init property's initializer would be overwritten.
/// <see cref="Pair"/> numbers the alternating Alpha2/BullMQ pairs of one provider and concurrency in bench/run.sh.
/// </summary>
internal sealed record WorkerRun(
    QueueSystem System, int Processes, int Concurrency, int Jobs, double JobsPerSecond, Dictionary<string, double> CpuUsPerJob, string Provider = AiProviders.Gemini)
    : Measurement
{
    public int? Pair { get; init; }

    /// <summary>All worker processes' CPU per job together; NaN when the run read no worker's CPU.</summary>
    [JsonIgnore]
    public double WorkersCpuUsPerJob =>
        CpuUsPerJob.Where(p => p.Key.StartsWith(CpuNames.Worker, StringComparison.Ordinal)).Select(p => p.Value).DefaultIfEmpty(double.NaN).Sum();
}

/// <summary>
/// The floor: bare HttpClient calls of <see cref="Provider"/> to the stub plus a Redis PING each, with each process's
/// CPU per call (self, redis, stub); older records read as Gemini, as <see cref="WorkerRun"/>'s do.
/// </summary>
internal sealed record FloorRun(int Concurrency, double CallsPerSecond, Dictionary<string, double> CpuUsPerCall, string Provider = AiProviders.Gemini) : Measurement;

/// <summary>POST → done latency at low load, the part until the 202 was read, and one static POST's round trip beside it.</summary>
internal sealed record EndToEndRun(int Jobs, double P50Ms, double P99Ms, double AcceptedP50Ms, double StaticP50Ms, double StaticP99Ms) : Measurement;

/// <summary>The largest peak RSS (VmHWM) of a set of processes of one role (<see cref="Roles"/>).</summary>
internal sealed record PeakRss(string Process, double Mib) : Measurement;

/// <summary>Redis used_memory before, at the peak of and after <see cref="Jobs"/> jobs with retention on.</summary>
internal sealed record RetentionRun(int Jobs, double RetentionSeconds, double BeforeMib, double PeakMib, double AfterMib, long StatusesLeft) : Measurement;

/// <summary>The names of the processes whose CPU a run reads (<c>--cpu-pids name=pid,…</c>).</summary>
internal static class CpuNames
{
    public const string Worker = "worker";
    public const string Redis = "redis";
    public const string Stub = "stub";
    public const string Api = "api";
    public const string Self = "self";
}

/// <summary>The process roles whose peak RSS a run records.</summary>
internal static class Roles
{
    public const string Api = "api";
    public const string Static = "static";
    public const string Alpha2Worker = "alpha2-worker";
    public const string BullMQWorker = "bullmq-worker";
}

/// <summary>The machine-readable line bench/wrk/report.lua prints after <c>WRK </c>.</summary>
internal sealed record WrkSummary(double Rps, double P50Ms, double P99Ms, long Requests, double Seconds, long Errors, long HttpErrors);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    AllowOutOfOrderMetadataProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Measurement))]
[JsonSerializable(typeof(WrkSummary))]
internal sealed partial class BenchJson : JsonSerializerContext;
