using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// The log levels both hosts start from, beneath appsettings and the environment. At Information, ASP.NET Core writes
/// four lines for every request, and HttpClientFactory four and Polly one for every provider call: with the UI
/// polling, they would bury the service's own lines. Retries and failures still log (Warning and up).
/// <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c> (or <c>…__System.Net.Http.HttpClient</c>, <c>…__Polly</c>)
/// brings them back; URL query strings stay redacted (.NET's default).
/// </summary>
public static class LogLevelDefaults
{
    private static readonly Dictionary<string, string?> Levels = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    public static IHostApplicationBuilder AddAlpha2LogLevels(this IHostApplicationBuilder builder)
    {
        // First among the sources, so every other one overrides it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
