using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Logging;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// A provider call passes through HttpClientFactory's two logging handlers only while their lines can be written: they
/// cost every call work even when they write nothing. <see cref="LogVolumeTests"/> shows the lines themselves.
/// </summary>
public sealed class HttpClientLoggingTests
{
    [TestCase(null, false)]
    [TestCase("Warning", false)]
    [TestCase("Information", true)]
    [TestCase("Trace", true)]
    public async Task ProviderCalls_PassThroughTheLoggingHandlers_OnlyWhenHttpClientLogsAreOn(string? level, bool kept)
    {
        var settings = WorkerHost.TestSettings(RedisServer.Url(await RedisServer.TakeDatabaseAsync()));
        settings["Logging:LogLevel:Default"] = "Information";
        if (level is not null)
        {
            settings[$"Logging:LogLevel:{HttpClientLogging.Category}"] = level;
        }

        using var services = WorkerHost.Compose(settings).Build();

        var chain = Chain(services.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(TelegramOnline)));

        Assert.Multiple(() =>
        {
            Assert.That(chain, Has.Some.TypeOf<ProviderMetricsHandler>(), "a provider client's chain");
            Assert.That(chain.Any(handler => handler is LoggingScopeHttpMessageHandler or LoggingHttpMessageHandler), Is.EqualTo(kept));
        });
    }

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler> { handler };
        while (chain[^1] is DelegatingHandler { InnerHandler: { } inner })
        {
            chain.Add(inner);
        }

        return chain;
    }
}
