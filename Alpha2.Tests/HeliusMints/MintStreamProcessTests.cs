using System.Net.Http.Json;
using System.Text.Json;
using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.HeliusMints;

/// <summary>
/// The log stream as an operator runs it: the sandbox process streams pump.fun logs on its websocket port, a worker process
/// subscribes, the socket is dropped through <c>PUT /sandbox/ws/drop</c>, and the API process serves every create.
/// </summary>
public sealed class MintStreamProcessTests
{
    [Test]
    public async Task SandboxStream_DroppedOnce_EveryCreateReachesTheApiOnce()
    {
        await using var stack = await ServiceStack.StartAsync();
        var streamWorker = stack.StartWorker(new Dictionary<string, string?> { ["HELIUS_WS_URL"] = stack.SandboxStreamUrl, ["HELIUS_MINTS_MAX_ROWS"] = "1000" });
        using var http = new HttpClient();

        await Eventually.TrueAsync(async () => (await StreamAsync(http, stack)).Creates.Length >= 3, TimeSpan.FromSeconds(60), "the sandbox streamed creates");
        (await http.PutAsync($"{stack.SandboxUrl}/sandbox/ws/drop", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await StreamAsync(http, stack)).Unsent >= 1, TimeSpan.FromSeconds(30), "a create was streamed while the socket was down");
        var whileDown = (await StreamAsync(http, stack)).Creates.Length;
        // Creates after the drop, once the worker is back: the stream is carrying them again.
        await Eventually.TrueAsync(async () => (await StreamAsync(http, stack)).Creates.Length >= whileDown + 3, TimeSpan.FromSeconds(60), "the stream went on");

        var streamed = (await StreamAsync(http, stack)).Creates;
        string[] feed = [];
        await Eventually.TrueAsync(async () =>
        {
            feed = [.. (await http.GetFromJsonAsync<JsonElement>($"{stack.ApiUrl}/api/helius/mints")).EnumerateArray().Select(r => r.GetProperty("mint").GetString()!)];
            return streamed.All(feed.Contains);
        }, TimeSpan.FromSeconds(60), () => $"the API served all {streamed.Length} streamed creates; the stream's worker printed:\n{string.Join('\n', streamWorker.Output.Split('\n').TakeLast(40))}");

        Assert.That(feed, Is.Unique, "each mint once");
    }

    private static async Task<(string[] Creates, int Unsent)> StreamAsync(HttpClient http, ServiceStack stack)
    {
        var listing = await http.GetFromJsonAsync<JsonElement>($"{stack.SandboxUrl}/sandbox/pump-stream");
        return ([.. listing.GetProperty("creates").EnumerateArray().Select(c => c.GetProperty("mint").GetString()!)], listing.GetProperty("unsent").GetInt32());
    }
}
