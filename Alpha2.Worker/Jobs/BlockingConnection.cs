using Alpha2.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Alpha2.Worker.Jobs;

/// <summary>
/// A multiplexer of its own for one fetch loop's BLMOVE: a blocking command stalls every other command on its
/// connection, and StackExchange.Redis refuses to manage that (queues.md §4). One command in flight at a time.
/// A client timeout means "the job may have moved" (it then sits in our processing list, not lost), and a call
/// that outlives its deadline rebuilds the connection (BullMQ's watchdog, bullmq#4479).
/// </summary>
internal sealed class BlockingConnection(IConfiguration configuration, string clientName, int blockSeconds) : IAsyncDisposable
{
    private ConnectionMultiplexer? _connection;

    private TimeSpan Deadline => TimeSpan.FromSeconds(blockSeconds + 6);

    /// <summary>BLMOVE from the right of <paramref name="source"/> to the left of <paramref name="destination"/>; null when nothing came.</summary>
    public async Task<string?> MoveAsync(RedisKey source, RedisKey destination, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync();
        try
        {
            var result = await connection.GetDatabase()
                .ExecuteAsync("BLMOVE", source, destination, "RIGHT", "LEFT", blockSeconds)
                .WaitAsync(Deadline, cancellationToken);
            return result.IsNull ? null : (string?)result;
        }
        catch (TimeoutException)
        {
            await ResetAsync();
            throw;
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var options = configuration.RedisOptions(clientName);
        // The client must wait longer than the server blocks, or every idle BLMOVE would look like a failure.
        options.AsyncTimeout = options.SyncTimeout = (blockSeconds + 5) * 1000;
        return _connection = await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Drops the connection; Redis then abandons a pending BLMOVE, so no job moves after this returns.</summary>
    public async Task ResetAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.CloseAsync(allowCommandsToComplete: false);
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();
}
