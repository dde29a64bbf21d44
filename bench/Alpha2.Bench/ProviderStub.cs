using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alpha2.Bench;

/// <summary>
/// The LLM provider for the worker benchmark: answers every request at once with the same small Gemini
/// generateContent body, so the worker (ours or BullMQ's) is what the run measures, not the provider.
/// </summary>
internal static class ProviderStub
{
    private static readonly byte[] Answer =
        """{"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":1,"totalTokenCount":5}}"""u8.ToArray();

    public static async Task<int> RunAsync(Arguments args)
    {
        var app = MinimalServer.Create(args.Int("--port", 9700));
        app.Run(async context =>
        {
            // Read the request as a real provider would; Kestrel would drain it anyway to keep the connection.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Answer.Length;
            await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
