using Alpha2.ServiceDefaults;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// Sentinels with a password of their own (<c>requirepass</c> in sentinel.conf, apart from the primary's): the services
/// ask them with REDIS_SENTINEL_PASSWORD, and without it (or with a wrong one) the failure says what the sentinels
/// answered, naming the variable (docs/scaling.md).
/// </summary>
public sealed class SentinelAuthTests
{
    private const string Password = "sentinels-only-secret";

    [Test]
    public async Task SentinelsThatAskForAPassword_ServeTheApiAndTheWorker_GivenREDIS_SENTINEL_PASSWORD()
    {
        await using var set = await SentinelSet.StartAsync(Password);
        await using var stack = await ServiceStack.StartAsync(set, new Dictionary<string, string?>
        {
            [SentinelCredentials.PasswordVariable] = Password,
            // The tests' processes log warnings only; the primary's address is information.
            [$"Logging:LogLevel:{typeof(SentinelTunnel).FullName}"] = "Information",
        });
        using var http = new HttpClient { BaseAddress = new Uri(stack.ApiUrl) };

        var jobId = await http.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = "through the sentinels", maxTokens = 16 });
        var job = await http.FinishedJobAsync(jobId);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), stack.Logs);
        Assert.That(stack.Logs, Does.Contain($"The sentinels name 127.0.0.1:{set.Primary.Port} the primary of service '{SentinelSet.Service}'"));
        Assert.That(stack.Logs, Does.Not.Contain(Password), "the sentinels' password stays out of the logs");
    }

    [Test]
    public async Task WithoutThePassword_TheApiLogs_ThatTheSentinelsAskForOne()
    {
        await using var set = await SentinelSet.StartAsync(Password);

        var failure = await LoggedFailureAsync(set, sentinelPassword: null);

        Assert.That(failure, Does.Contain("NOAUTH").And.Contain($"set {SentinelCredentials.PasswordVariable}"));
    }

    [Test]
    public async Task AWrongPassword_IsLoggedAsRefused_WithoutShowingIt()
    {
        await using var set = await SentinelSet.StartAsync(Password);

        var failure = await LoggedFailureAsync(set, sentinelPassword: "not-the-password");

        Assert.That(failure, Does.Contain($"refused {SentinelCredentials.PasswordVariable}").And.Contain("WRONGPASS"));
        Assert.That(failure, Does.Not.Contain("not-the-password"));
    }

    /// <summary>
    /// The API's log once it started on <paramref name="set"/> with <paramref name="sentinelPassword"/> and found no
    /// primary: StackExchange.Redis only says no connection is available, so the tunnel's own warning is what tells why.
    /// </summary>
    private static async Task<string> LoggedFailureAsync(SentinelSet set, string? sentinelPassword)
    {
        var settings = WorkerHost.TestSettings(set.Url);
        settings[SentinelCredentials.PasswordVariable] = sentinelPassword;
        var url = $"http://127.0.0.1:{RedisServer.FreePort()}";
        await using var api = ServiceProcess.Api(settings, url);

        await Eventually.TrueAsync(() => Task.FromResult(api.Output.Contains("No sentinel named the primary", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the API logged why it has no primary");
        using var http = new HttpClient();
        var ready = await Eventually.ResultAsync(() => http.GetAsync($"{url}/health/ready"), TimeSpan.FromSeconds(30));
        Assert.That(ready.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable), "the API serves, and says it is not ready");
        return api.Output;
    }
}
