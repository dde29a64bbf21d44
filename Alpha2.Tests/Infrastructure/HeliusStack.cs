using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Sandbox.Providers;
using Microsoft.Extensions.Logging;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// A <see cref="TestStack"/> whose worker talks to a <see cref="SolanaWorld"/> (Helius, RugCheck, metadata on WireMock)
/// and whose API takes webhook deliveries signed with <see cref="WebhookSecret"/>.
/// </summary>
public sealed class HeliusStack : IAsyncDisposable
{
    public const string WebhookSecret = "hook-secret-SENTINEL";

    private HeliusStack(TestStack stack) => Stack = stack;

    public TestStack Stack { get; }

    internal SolanaWorld World { get; } = new();

    /// <summary>
    /// Starts the stack and one worker; <paramref name="configure"/> changes that worker's settings, and
    /// <paramref name="logs"/> receives its log lines.
    /// </summary>
    public static async Task<HeliusStack> StartAsync(Action<Dictionary<string, string?>>? configure = null, ILoggerProvider? logs = null)
    {
        var stack = await TestStack.StartAsync(new Dictionary<string, string?> { ["HELIUS_WEBHOOK_AUTH"] = WebhookSecret });
        await stack.StartWorkerAsync(
            settings =>
            {
                HeliusFakes.Configure(settings, stack.Providers);
                configure?.Invoke(settings);
            },
            logs);
        return new HeliusStack(stack);
    }

    /// <summary>An empty world, fresh WireMock mappings and no feed, whale scans or poller state in Redis.</summary>
    public async Task ResetAsync()
    {
        Stack.Providers.Reset();
        World.Clear();
        Stack.Providers.Serve(World);
        await HeliusFakes.ForgetFeedAsync(Stack.Redis);
    }

    /// <summary>Posts one webhook delivery of <paramref name="transactions"/> and waits for the ingestion jobs it queued.</summary>
    public async Task<JsonElement[]> DeliverAsync(params JsonObject[] transactions)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/helius/webhook")
        {
            Content = JsonContent.Create(new JsonArray([.. transactions.Select(t => t.DeepClone())])),
        };
        request.Headers.TryAddWithoutValidation("Authorization", WebhookSecret);
        var response = await Stack.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jobs = new List<JsonElement>();
        foreach (var jobId in receipt.GetProperty("jobIds").EnumerateArray())
        {
            jobs.Add(await Stack.Client.FinishedJobAsync(jobId.GetString()!));
        }

        return [.. jobs];
    }

    public async Task<JsonElement[]> FeedAsync() => [.. (await Stack.Client.GetFromJsonAsync<JsonElement>("/api/helius/mints")).EnumerateArray()];

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
