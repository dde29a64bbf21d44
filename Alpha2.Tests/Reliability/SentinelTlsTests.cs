using Alpha2.ServiceDefaults;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// <c>rediss+sentinel://</c>: sentinels, primary and replica that speak TLS only, with certificates from a private CA.
/// The tunnel asks the sentinels over TLS and speaks TLS to the primary itself, checking its certificate against the
/// address the sentinels gave rather than the tunnel's logical name (docs/scaling.md).
/// </summary>
public sealed class SentinelTlsTests
{
    [Test]
    public async Task OverTls_TheApiAndTheWorker_FollowThePrimaryThroughTheSentinels_AcrossAFailover()
    {
        await using var set = await SentinelSet.StartAsync(tls: true);
        await using var stack = await ServiceStack.StartAsync(set, new Dictionary<string, string?> { [RedisUrl.TlsCaFileVariable] = set.Certificates!.CaFile });
        using var http = new HttpClient { BaseAddress = new Uri(stack.ApiUrl) };

        var before = await http.PostJobAsync("/api/ai/infer", Prompt("before the failover"));
        Assert.That((await http.FinishedJobAsync(before)).GetProperty("status").GetString(), Is.EqualTo("done"), stack.Logs);

        await set.FailoverAsync();
        await Eventually.TrueAsync(async () => await set.PrimaryPortAsync() == set.Replica.Port, TimeSpan.FromSeconds(30), "the sentinels promoted the replica");
        var after = await Eventually.ResultAsync(() => http.PostJobAsync("/api/ai/infer", Prompt("after the failover")), TimeSpan.FromSeconds(30));

        Assert.That((await http.FinishedJobAsync(after)).GetProperty("status").GetString(), Is.EqualTo("done"), stack.Logs);
    }

    [Test]
    public async Task WithoutThePrivateCa_TheApiLogs_ThatTheSentinelsCertificateIsNotTrusted()
    {
        await using var set = await SentinelSet.StartAsync(tls: true);
        var settings = WorkerHost.TestSettings(set.Url);
        var url = $"http://127.0.0.1:{RedisServer.FreePort()}";
        await using var api = ServiceProcess.Api(settings, url);

        await Eventually.TrueAsync(() => Task.FromResult(api.Output.Contains("No sentinel named the primary", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the API logged why it has no primary");

        Assert.That(api.Output, Does.Contain("certificate"));
    }

    [Test]
    public async Task APrimaryWhoseCertificateLacksTheAddressTheSentinelsGive_IsRefused_AndTheApiLogsWhy()
    {
        await using var set = await SentinelSet.StartAsync(tls: true);
        await GiveThePrimaryACertificateForAsync(set, "localhost");
        var settings = WorkerHost.TestSettings(set.Url);
        settings[RedisUrl.TlsCaFileVariable] = set.Certificates!.CaFile;
        await using var api = ServiceProcess.Api(settings, $"http://127.0.0.1:{RedisServer.FreePort()}");

        await Eventually.TrueAsync(
            () => Task.FromResult(api.Output.Contains($"TLS to the primary of service '{SentinelSet.Service}' at 127.0.0.1 failed", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            () => $"the API logged why it cannot reach the primary; it printed:\n{api.Output}");
    }

    [Test]
    public async Task APrimaryTheSentinelsNameByHostName_IsCheckedAgainstThatName()
    {
        await using var set = await SentinelSet.StartAsync(tls: true, byHostName: true);
        await GiveThePrimaryACertificateForAsync(set, "localhost");
        var settings = WorkerHost.TestSettings(set.Url);
        settings[RedisUrl.TlsCaFileVariable] = set.Certificates!.CaFile;
        var url = $"http://127.0.0.1:{RedisServer.FreePort()}";
        await using var api = ServiceProcess.Api(settings, url);
        using var http = new HttpClient();

        // The certificate names localhost alone: only the name the sentinels gave can pass the check.
        await Eventually.TrueAsync(
            async () => await Eventually.ResultAsync(() => http.GetAsync($"{url}/health/ready"), TimeSpan.FromSeconds(30)) is { StatusCode: System.Net.HttpStatusCode.OK },
            TimeSpan.FromSeconds(30),
            () => $"the API reached the primary; it printed:\n{api.Output}");
    }

    /// <summary>The primary presents a certificate for <paramref name="name"/> alone from its next connection on.</summary>
    private static async Task GiveThePrimaryACertificateForAsync(SentinelSet set, string name)
    {
        var (certificate, key) = set.Certificates!.Issue($"{name}-only", name);
        await using var primary = await set.ConnectPrimaryAsync();
        // Redis takes a new certificate at run time, for the connections that follow.
        await primary.GetDatabase().ExecuteAsync("CONFIG", "SET", "tls-cert-file", certificate, "tls-key-file", key);
    }

    private static object Prompt(string text) => new { provider = "gemini", model = "gemini-2.5-flash-lite", prompt = text, maxTokens = 16 };
}
