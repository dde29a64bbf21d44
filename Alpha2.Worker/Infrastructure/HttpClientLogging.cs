using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// HttpClientFactory gives every client two logging handlers. They write only at Information and below, which the
/// log level defaults turn off for <see cref="Category"/>, yet every provider call would still pass through both (a
/// log scope, a redacted copy of the URI, a stopwatch). So they are left out unless the configuration the worker starts
/// with turns that category on (<c>Logging__LogLevel__System.Net.Http.HttpClient=Information</c>, README).
/// </summary>
internal static class HttpClientLogging
{
    public const string Category = "System.Net.Http.HttpClient";

    /// <summary>Call after the log level defaults are in the configuration.</summary>
    public static IHostApplicationBuilder AddHttpClientLoggingOnlyWhenOn(this IHostApplicationBuilder builder)
    {
        if (!IsOn(builder.Configuration))
        {
            builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        }

        return builder;
    }

    /// <summary>Whether the configuration's logging rules let the HttpClient's Information lines through.</summary>
    private static bool IsOn(IConfiguration configuration)
    {
        using var rules = LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddProvider(new EveryLevel()));
        return rules.CreateLogger(Category).IsEnabled(LogLevel.Information);
    }

    /// <summary>A logger that takes every level, so only the configuration's filter rules decide what is enabled.</summary>
    private sealed class EveryLevel : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
