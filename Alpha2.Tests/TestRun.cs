using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests;

/// <summary>What the whole run shares: one real redis-server.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeSetUp]
    public Task StartAsync() => RedisServer.StartAsync();

    [OneTimeTearDown]
    public Task StopAsync() => RedisServer.StopAsync();
}
