using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Queue.Consumer;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Tests.Reliability;

/// <summary>A fetch loop's blocking connection when its server stops being the primary under it.</summary>
[NonParallelizable]
public sealed class DemotedPrimaryTests
{
    [Test]
    public async Task BlockedFetch_WhenItsServerBecomesAReplica_FailsAndReconnects_ThenClaimsFromTheNewPrimary()
    {
        var directory = Directory.CreateTempSubdirectory("alpha2-demoted-").FullName;
        await using var old = new RedisProcess(RedisServer.FreePort(), Directory.CreateDirectory(Path.Combine(directory, "old")).FullName, "--appendonly no");
        await using var promoted = new RedisProcess(RedisServer.FreePort(), Directory.CreateDirectory(Path.Combine(directory, "new")).FullName, "--appendonly no");
        old.Start();
        promoted.Start();
        await using var oldRedis = await old.ConnectAsync("allowAdmin=true");
        await using var newRedis = await promoted.ConnectAsync("allowAdmin=true");

        // Where the primary is, as the sentinels would answer at each connect: the old server first, then the promoted one.
        var primary = old.Port;
        var connects = 0;
        await using var blocking = new BlockingConnection(
            clientName =>
            {
                connects++;
                return new ConfigurationOptions { EndPoints = { { "127.0.0.1", primary } }, ClientName = clientName };
            },
            "demoted-test",
            blockSeconds: 20);
        var store = new JobStore(newRedis, Options.Create(new WorkerOptions { WorkerId = "demoted-test" }), TimeProvider.System, []);
        var oldStore = new JobStore(oldRedis, Options.Create(new WorkerOptions { WorkerId = "demoted-test" }), TimeProvider.System, []);

        var waiting = oldStore.WaitAndClaimAsync(blocking, QueueNames.AiInfer, 1, CancellationToken.None);
        await Eventually.TrueAsync(
            async () => (await oldRedis.GetServer("127.0.0.1", old.Port).ExecuteAsync("CLIENT", "LIST")).ToString().Contains("cmd=blmove", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the fetch is blocked in BLMOVE on the old primary");
        primary = promoted.Port;
        await oldRedis.GetServer("127.0.0.1", old.Port).ExecuteAsync("REPLICAOF", "127.0.0.1", promoted.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var failure = Assert.ThrowsAsync<RedisServerException>(async () => await waiting);
        Assert.That(failure!.Message, Does.StartWith("UNBLOCKED"));

        await new JobQueue(newRedis, TimeProvider.System).EnqueueAsync(QueueNames.AiInfer, "{}"u8.ToArray(), CancellationToken.None);
        var claimed = await store.WaitAndClaimAsync(blocking, QueueNames.AiInfer, 1, CancellationToken.None);

        Assert.That(claimed, Has.Length.EqualTo(1), "the job queued on the new primary was claimed");
        Assert.That(connects, Is.EqualTo(2), "the blocking connection was rebuilt once, after the UNBLOCKED answer");
        Directory.Delete(directory, recursive: true);
    }
}
