using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Alpha2.Contracts.AiInfer;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Alpha2.Tests.AiInfer;

/// <summary>
/// Provider calls over TLS take HTTP/2 when the provider offers it (as Gemini and Groq do), so concurrent calls share
/// one connection; a provider that speaks only HTTP/1.1 is still called. The provider here is Kestrel with a
/// certificate made for the test, which only this test's worker trusts.
/// </summary>
public sealed class ProviderHttp2Tests
{
    private static readonly X509Certificate2 Certificate = SelfSignedLocalhost();

    [TestCase(HttpProtocols.Http1AndHttp2, "HTTP/2")]
    [TestCase(HttpProtocols.Http1, "HTTP/1.1")]
    public async Task OverTls_AProviderIsCalled_OverTheNewestHttpItOffers(HttpProtocols offered, string used)
    {
        await using var provider = await TlsProvider.StartAsync(offered);
        var gemini = await GeminiClientFor(provider.Url);

        var answer = await gemini.CompleteAsync("gemini-2.5-flash-lite", "Is $X safe?", 64, CancellationToken.None);

        Assert.That(answer.Text, Is.EqualTo("ok"));
        Assert.That(provider.Calls.Select(c => c.Protocol), Is.EqualTo(new[] { used }));
    }

    [Test]
    public async Task ConcurrentCallsOverHttp2_ShareOneConnection()
    {
        await using var provider = await TlsProvider.StartAsync(HttpProtocols.Http1AndHttp2);
        var gemini = await GeminiClientFor(provider.Url);
        await gemini.CompleteAsync("gemini-2.5-flash-lite", "first", 64, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => gemini.CompleteAsync("gemini-2.5-flash-lite", $"prompt {i}", 64, CancellationToken.None)));

        Assert.That(provider.Calls, Has.Count.EqualTo(21));
        Assert.That(provider.Calls.Select(c => c.Connection).Distinct().Count(), Is.EqualTo(1));
    }

    /// <summary>The worker's real Gemini client (its graph unstarted), trusting the test certificate.</summary>
    private static async Task<ILlmClient> GeminiClientFor(Uri url)
    {
        var settings = WorkerHost.TestSettings(RedisServer.Url(await RedisServer.TakeDatabaseAsync()));
        settings["GEMINI_API_URL"] = url.ToString();
        settings["GEMINI_API_KEY"] = "test-key";
        var builder = WorkerHost.Compose(settings);
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(handlers =>
        {
            switch (handlers.PrimaryHandler)
            {
                case SocketsHttpHandler sockets:
                    sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTheTestCertificate(certificate);
                    break;
                case HttpClientHandler client:
                    client.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => IsTheTestCertificate(certificate);
                    break;
            }
        }));
        var services = builder.Build().Services;
        return services.GetServices<ILlmClient>().Single(client => client.Provider == AiProviders.Gemini);
    }

    private static bool IsTheTestCertificate(X509Certificate? certificate) =>
        certificate?.GetCertHashString() == Certificate.GetCertHashString();

    private static X509Certificate2 SelfSignedLocalhost()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs the private key in a form it can use for TLS: a round trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>Kestrel over TLS on loopback answering every request with a Gemini answer, recording how it was called.</summary>
    private sealed class TlsProvider : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private TlsProvider(HttpProtocols protocols)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = protocols;
                listen.UseHttps(Certificate);
            }));
            _app = builder.Build();
            _app.Run(async context =>
            {
                Calls.Enqueue((context.Request.Protocol, context.Connection.Id));
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(AiFakes.GeminiAnswer("ok"));
            });
        }

        public Uri Url => new(_app.Urls.Single());

        public ConcurrentQueue<(string Protocol, string Connection)> Calls { get; } = new();

        public static async Task<TlsProvider> StartAsync(HttpProtocols protocols)
        {
            var provider = new TlsProvider(protocols);
            await provider._app.StartAsync();
            return provider;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
