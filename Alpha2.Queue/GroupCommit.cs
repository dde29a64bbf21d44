
namespace Alpha2.Queue;

/// <summary>
/// Group commit for Redis calls: an item that finds others on their way waits for their replies, then goes out with
/// every item that arrived meanwhile in one write (<paramref name="send"/> pipelines them, one reply each). Under load
/// one send and one receive carry many calls instead of one each; alone, an item goes at once and waits for nothing.
/// </summary>
internal sealed class GroupCommit<TItem, TReply>(Func<List<TItem>, Task<TReply>[]> send)
{
    private readonly Lock _gate = new();
    private List<(TItem Item, TaskCompletionSource<TReply> Reply)> _waiting = [];
    private bool _sending;

    /// <summary>
    /// The item's reply. Continuations run inline on the thread that read the replies, so each caller goes on without
    /// another thread hop: keep what follows an await on it short or asynchronous.
    /// </summary>
    public Task<TReply> SendAsync(TItem item)
    {
        var reply = new TaskCompletionSource<TReply>();
        lock (_gate)
        {
            _waiting.Add((item, reply));
            if (_sending)
            {
                return reply.Task;
            }

            _sending = true;
        }

        _ = SendWaitingAsync();
        return reply.Task;
    }

    private async Task SendWaitingAsync()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource<TReply> Reply)> sending;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }

                (sending, _waiting) = (_waiting, []);
            }

            Task<TReply>[] replies;
            try
            {
                replies = send(sending.ConvertAll(s => s.Item));
            }
            catch (Exception exception)
            {
                sending.ForEach(s => s.Reply.SetException(exception));
                continue;
            }

            // Every reply is in before the next write, so the items that arrive meanwhile gather into it.
            for (var i = 0; i < sending.Count; i++)
            {
                try
                {
                    sending[i].Reply.SetResult(await replies[i]);
                }
                catch (Exception exception)
                {
                    sending[i].Reply.SetException(exception);
                }
            }
        }
    }
}
