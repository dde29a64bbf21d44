using System.Net;
using System.Net.Http.Json;
using Alpha2.ServiceDefaults;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// <c>rediss://</c> against a real redis-server that speaks only TLS, with a certificate from a private CA: the API
/// queues through it given REDIS_TLS_CA_FILE, and nothing connects without it (docs/scaling.md).
/// </summary>
public sealed class RedisTlsTests
{
    private string _directory = null!;
    private RedisProcess _redis = null!;
    private TestCertificates _certificates = null!;

    private string CaFile => _certificates.CaFile;

    private string Url => $"rediss://127.0.0.1:{_redis.Port}/0";

    [OneTimeSetUp]
    public async Task StartRedisWithTlsOnlyAsync()
    {
        _directory = Directory.CreateTempSubdirectory("alpha2-tls-").FullName;
        _certificates = TestCertificates.WriteTo(_directory);
        var port = RedisServer.FreePort();
        // The plain port is closed (--port 0 after the fixture's own): only a TLS client is answered.
        _redis = new RedisProcess(port, _directory, _certificates.ServerArguments(port));
        _redis.Start();
        // Ready once a client that trusts the CA is answered: a test that expects a refusal must meet a running server.
        await using var ready = await Eventually.ResultAsync(() => ConnectAsync(CaFile), TimeSpan.FromSeconds(30));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _redis.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task GivenREDIS_TLS_CA_FILE_TheApiQueuesOverTls()
    {
        await using var api = new ApiFactory(Url, new Dictionary<string, string?> { [RedisUrl.TlsCaFileVariable] = CaFile });
        using var client = api.CreateClient();
        await using var redis = await ConnectAsync(CaFile);

        var answer = await Eventually.ResultAsync(
            async () => await client.PostAsJsonAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "over tls" }) is { StatusCode: HttpStatusCode.Accepted } accepted
                ? accepted
                : throw new InvalidOperationException("not accepted yet"),
            TimeSpan.FromSeconds(20));

        var jobId = (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("jobId").GetString();
        Assert.That((string?)await redis.GetDatabase().HashGetAsync("ai-infer:status", jobId), Is.EqualTo("queued"));
    }

    [Test]
    public void WithoutTheCa_ThePrivateCertificateIsRefused()
    {
        var refused = Assert.ThrowsAsync<RedisConnectionException>(async () => await ConnectAsync(caFile: null));

        Assert.That(refused!.ToString(), Does.Contain("UntrustedRoot"), "refused for its certificate, not for a closed port");
    }

    [Test]
    public void ACaFile_WithAUrlThatIsNotTls_IsRefusedNamingIt()
    {
        Assert.That(() => Settings("redis://127.0.0.1:6379/0", CaFile).RedisOptions("alpha2-test"), Throws.TypeOf<FormatException>()
            .With.Message.Contains(RedisUrl.TlsCaFileVariable).And.Message.Contains("rediss://"));
    }

    /// <summary>A connection configured as the services configure theirs, failing at once instead of retrying.</summary>
    private async Task<ConnectionMultiplexer> ConnectAsync(string? caFile)
    {
        var options = Settings(Url, caFile).RedisOptions("alpha2-test");
        options.AbortOnConnectFail = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static IConfiguration Settings(string url, string? caFile) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["REDIS_URL"] = url,
            [RedisUrl.TlsCaFileVariable] = caFile,
        }).Build();
}
