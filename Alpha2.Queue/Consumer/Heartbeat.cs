using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>Keeps this worker's heartbeat key alive; when it lapses, the reaper returns the worker's jobs.</summary>
internal sealed partial class Heartbeat(
    IConnectionMultiplexer redis,
    IEnumerable<IJobHandler> handlers,
    WorkerLoad load,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<Heartbeat> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;
    private readonly string _queues = string.Join(',', handlers.Select(h => h.Queue).Order(StringComparer.Ordinal));
    private readonly long _startedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
    private static readonly string Version =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task BeatAsync()
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var ttl = TimeSpan.FromSeconds(_options.HeartbeatTtlSeconds);
        var set = batch.StringSetAsync(QueueKeys.Heartbeat(_options.WorkerId), clock.GetUtcNow().ToUnixTimeMilliseconds(), ttl);
        var add = batch.SetAddAsync(QueueKeys.Workers, _options.WorkerId);
        var info = batch.HashSetAsync(QueueKeys.WorkerInfo(_options.WorkerId),
        [
            new("host", Environment.MachineName),
            new("pid", Environment.ProcessId),
            new("queues", _queues),
            new("concurrency", _options.Concurrency),
            new("busy", load.Busy),
            new("started_at", _startedAt),
            new("version", Version),
        ]);
        var expire = batch.KeyExpireAsync(QueueKeys.WorkerInfo(_options.WorkerId), ttl);
        batch.Execute();
        await Task.WhenAll(set, add, info, expire);
        if (_options.HealthFile is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>At a clean stop: no heartbeat, no membership; the caller has already returned its jobs.</summary>
    public async Task LeaveAsync()
    {
        var db = redis.GetDatabase();
        // One key per call: keys of one worker need not share a cluster slot.
        await db.KeyDeleteAsync(QueueKeys.Heartbeat(_options.WorkerId));
        await db.KeyDeleteAsync(QueueKeys.WorkerInfo(_options.WorkerId));
        await db.SetRemoveAsync(QueueKeys.Workers, _options.WorkerId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.HeartbeatSeconds), clock);
        do
        {
            try
            {
                await BeatAsync();
            }
            // A command stuck in the backlog while Redis is away throws RedisTimeoutException, a TimeoutException, not a RedisException.
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogBeatFailed(exception.Message);
            }
        }
        while (await timer.TickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed: {Reason}")]
    private partial void LogBeatFailed(string reason);
}
