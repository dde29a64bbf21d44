using StackExchange.Redis;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// A fixture holding a multiplexer of its own (for code that holds one, as the API and worker do) whose default is a
/// database no other fixture uses, emptied.
/// </summary>
public abstract class OwnRedisDatabase
{
    protected ConnectionMultiplexer Redis { get; private set; } = null!;

    protected IDatabase Db => Redis.GetDatabase();

    [OneTimeSetUp]
    public async Task ConnectAsync() =>
        Redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{RedisServer.Port},defaultDatabase={await RedisServer.TakeDatabaseAsync()}");

    [OneTimeTearDown]
    public async Task DisconnectAsync() => await Redis.DisposeAsync();
}
