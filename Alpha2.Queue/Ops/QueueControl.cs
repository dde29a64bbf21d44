using Alpha2.Contracts.Ops;
using StackExchange.Redis;

namespace Alpha2.Queue.Ops;

/// <summary>
/// Pauses and resumes a queue for every worker replica at once: the state is one key in Redis (it survives restarts of
/// every process), and the claim scripts read it, so no job is claimed from a paused queue. Enqueues go on; running jobs
/// finish.
/// </summary>
public sealed class QueueControl(IConnectionMultiplexer redis)
{
    public async Task<QueuePauseState> PauseAsync(string queue)
    {
        await redis.GetDatabase().StringSetAsync(QueueKeys.Paused(queue), "1");
        return new QueuePauseState(queue, Paused: true);
    }

    public async Task<QueuePauseState> ResumeAsync(string queue)
    {
        await redis.GetDatabase().KeyDeleteAsync(QueueKeys.Paused(queue));
        return new QueuePauseState(queue, Paused: false);
    }
}
