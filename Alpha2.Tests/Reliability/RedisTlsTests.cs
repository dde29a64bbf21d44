using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

    private string CaFile => Path.Combine(_directory, "ca.pem");

    private string Url => $"rediss://127.0.0.1:{_redis.Port}/0";

    [OneTimeSetUp]
    public void StartRedisWithTlsOnly()
    {
        _directory = Directory.CreateTempSubdirectory("alpha2-tls-").FullName;
        WriteCaAndServerCertificate(_directory);
        var port = RedisServer.FreePort();
        // The plain port is closed (--port 0 after the fixture's own): only a TLS client is answered.
        _redis = new RedisProcess(port, _directory,
            $"--tls-port {port} --port 0 --tls-cert-file {_directory}/server.pem --tls-key-file {_directory}/server.key "
            + $"--tls-ca-cert-file {CaFile} --tls-auth-clients no");
        _redis.Start();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _redis.DisposeAsync();
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
        Assert.ThrowsAsync<RedisConnectionException>(async () => await ConnectAsync(caFile: null));
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

    /// <summary>A CA (ca.pem) and a server certificate it signed for 127.0.0.1 (server.pem, server.key), as PEM files.</summary>
    private static void WriteCaAndServerCertificate(string directory)
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=alpha2-test-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));

        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
    }
}
