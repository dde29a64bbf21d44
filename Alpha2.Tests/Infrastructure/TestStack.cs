using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WireMock.Server;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// One fixture's whole backend: its own Redis database, a WireMock server standing in for the providers, the API in
/// memory and any number of in-process workers pointed at both.
/// </summary>
public sealed class TestStack : IAsyncDisposable
{
    private readonly List<IHost> _workers = [];

    private TestStack(string redisUrl, IDatabase redis, WireMockServer providers, ApiFactory api)
    {
        RedisUrl = redisUrl;
        Redis = redis;
        Providers = providers;
        Api = api;
        Client = api.CreateClient();
    }

    public string RedisUrl { get; }

    public IDatabase Redis { get; }

    public WireMockServer Providers { get; }

    public ApiFactory Api { get; }

    public HttpClient Client { get; }

    public IHost Worker => _workers[0];

    public static async Task<TestStack> StartAsync(IReadOnlyDictionary<string, string?>? apiSettings = null, ILoggerProvider? logs = null)
    {
        var db = await RedisServer.TakeDatabaseAsync();
        var url = RedisServer.Url(db);
        return new TestStack(url, RedisServer.Connection.GetDatabase(db), WireMockServer.Start(), new ApiFactory(url, apiSettings, logs));
    }

    /// <summary>The worker settings this stack's workers start from: fast test timings, providers at WireMock, sentinel keys.</summary>
    public Dictionary<string, string?> WorkerSettings()
    {
        var settings = WorkerHost.TestSettings(RedisUrl);
        settings["GEMINI_API_URL"] = Providers.Url;
        settings["GROQ_API_URL"] = Providers.Url;
        settings["GEMINI_API_KEY"] = AiFakes.GeminiKey;
        settings["GROQ_API_KEY"] = AiFakes.GroqKey;
        foreach (var variable in new[] { "BIRDEYE_API_URL", "APIFY_API_URL", "BINANCE_CMS_URL", "BYBIT_API_URL", "OKX_API_URL", "TELEGRAM_WEB_URL" })
        {
            settings[variable] = Providers.Url;
        }

        settings["BIRDEYE_API_KEY"] = CexFakes.BirdeyeKey;
        settings["APIFY_TOKEN"] = CexFakes.ApifyToken;
        return settings;
    }

    /// <summary>Starts a worker with <see cref="WorkerSettings"/>, changed by <paramref name="configure"/>.</summary>
    public async Task<IHost> StartWorkerAsync(Action<Dictionary<string, string?>>? configure = null, ILoggerProvider? logs = null)
    {
        var settings = WorkerSettings();
        configure?.Invoke(settings);
        var worker = await WorkerHost.StartAsync(settings, logs);
        _workers.Add(worker);
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }

        Client.Dispose();
        await Api.DisposeAsync();
        Providers.Stop();
    }
}
