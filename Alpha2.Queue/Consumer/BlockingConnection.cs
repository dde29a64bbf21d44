using StackExchange.Redis;

namespace Alpha2.Queue.Consumer;

/// <summary>
/// A multiplexer of its own for one fetch loop's BLMOVE: a blocking command stalls every other command on its
/// connection, and StackExchange.Redis does not multiplex blocking commands (docs/queue-protocol.md). Nothing but the
/// BLMOVE and the script queued behind it is ever in flight. A client timeout means "the job may have moved" (it then
/// sits in our landing or processing list, not lost), and a call that outlives its deadline rebuilds the connection:
/// a watchdog around the blocking call. So does an answer saying the server is no longer a primary (<c>UNBLOCKED</c>
/// for the BLMOVE, <c>READONLY</c> for the script): the next connect goes where the primary is now (docs/scaling.md).
/// </summary>
internal sealed class BlockingConnection(Func<string, ConfigurationOptions> redisOptions, string clientName, int blockSeconds) : IAsyncDisposable
{
    private ConnectionMultiplexer? _connection;

    private TimeSpan Deadline => TimeSpan.FromSeconds(blockSeconds + 6);

    /// <summary>
    /// BLMOVE from the right of <paramref name="source"/> to the left of <paramref name="destination"/>, with
    /// <paramref name="script"/> queued right behind it on this connection: Redis runs the script the moment the
    /// BLMOVE returns (or times out), with no round trip between. Returns the script's reply.
    /// </summary>
    public async Task<RedisResult> MoveThenAsync(RedisKey source, RedisKey destination, LuaScript script, object parameters, CancellationToken cancellationToken)
    {
        var database = (await ConnectAsync()).GetDatabase();
        var move = database.ExecuteAsync("BLMOVE", source, destination, "RIGHT", "LEFT", blockSeconds);
        var then = database.ScriptEvaluateAsync(script, parameters);
        try
        {
            await Task.WhenAll(move, then).WaitAsync(Deadline, cancellationToken);
            return await then;
        }
        catch (TimeoutException)
        {
            await ResetAsync();
            throw;
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("UNBLOCKED", StringComparison.Ordinal)
                                                      || exception.Message.StartsWith("READONLY", StringComparison.Ordinal))
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

        var options = redisOptions(clientName);
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
