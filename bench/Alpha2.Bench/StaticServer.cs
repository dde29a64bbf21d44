using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alpha2.Bench;

/// <summary>
/// The HTTP limit of this machine for the API's routes: Kestrel with routing and nothing else, answering the enqueue
/// route with a fixed 202 and the read routes with the same stored bytes the API serves.
/// </summary>
internal static class StaticServer
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var app = MinimalServer.Create(args.Int("--port", 9701));
        app.MapPost("/api/cex-radar/search", context =>
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers.Location = "/api/jobs/cex-radar:1764000000000";
            return WriteJsonAsync(context, SampleResults.Accepted);
        });
        app.MapGet("/api/whales/top3", context => WriteJsonAsync(context, SampleResults.WhalesTop3));
        app.MapGet("/api/helius/mints", context => WriteJsonAsync(context, SampleResults.Mints));
        await app.RunAsync();
        return 0;
    }

    private static Task WriteJsonAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
