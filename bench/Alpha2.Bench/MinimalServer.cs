using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Alpha2.Bench;

internal static class MinimalServer
{
    /// <summary>A Kestrel host on loopback with no logging and no middleware: the floor any ASP.NET Core app stands on.</summary>
    public static WebApplication Create(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder.Build();
    }
}
