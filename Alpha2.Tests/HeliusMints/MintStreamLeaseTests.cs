using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Sandbox.Providers;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.HeliusMints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alpha2.Tests.HeliusMints;

/// <summary>The log stream is held by one replica at a time, and moves to another when its holder stops.</summary>
public sealed class MintStreamLeaseTests
{
    [Test]
    public async Task TwoWorkers_OneSubscribes_AndTheOtherTakesOverWhenItStops()
    {
        var port = RedisServer.FreePort();
        await using var helius = await HeliusStack.StartAsync(settings => settings["HELIUS_WS_URL"] = $"ws://127.0.0.1:{port}/");
        await helius.ResetAsync();
        await using var socket = new LogSocketHost(new PumpFunStream(helius.World, "", seed: 3), TimeProvider.System);
        await socket.StartAsync(port, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(socket.Subscriptions >= 1), TimeSpan.FromSeconds(30), "the first worker subscribed");

        var second = await helius.Stack.StartWorkerAsync(settings =>
        {
            HeliusFakes.Configure(settings, helius.Stack.Providers);
            settings["HELIUS_WS_URL"] = $"ws://127.0.0.1:{port}/";
        });
        var before = socket.Subscriptions;
        await helius.Stack.Worker.StopAsync();

        // The first worker hands the lease on as it stops; the second, retrying every 5 s, takes the stream.
        await Eventually.TrueAsync(() => Task.FromResult(socket.Subscriptions > before), TimeSpan.FromSeconds(30), "the second worker subscribed");
        Assert.Multiple(() =>
        {
            Assert.That(socket.MostAtOnce, Is.EqualTo(1), "never two subscriptions at once");
            Assert.That(helius.Stack.Redis.StringGet(QueueKeys.Lock(MintStream.LeaseName)).ToString(),
                Is.EqualTo(second.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.WorkerId), "the second worker holds the lease");
        });
    }
}
