namespace Alpha2.Worker.Jobs;

/// <summary>
/// Group commit of one consumer's completions. A completion that finds others on their way to Redis waits for their
/// replies, then goes out with every completion that arrived meanwhile in one write (each its own finish-and-claim
/// script, pipelined): under load, one send and one receive carry many jobs' transitions instead of one each. Alone,
/// a completion goes at once, so one job at a time waits for nothing.
/// </summary>
internal sealed class CompletionPipeline(JobStore store)
{
    private readonly Lock _gate = new();
    private List<Pending> _waiting = [];
    private bool _sending;

    /// <summary>Completes the claim and claims up to <paramref name="next"/> jobs for the slot it frees; Won is false when the claim was lost.</summary>
    public Task<(bool Won, FetchedJob[] Next)> CompleteAsync(Claim claim, JobResult result, int next)
    {
        var pending = new Pending(claim, result, next);
        lock (_gate)
        {
            _waiting.Add(pending);
            if (_sending)
            {
                return pending.Reply.Task;
            }

            _sending = true;
        }

        _ = SendAsync();
        return pending.Reply.Task;
    }

    private async Task SendAsync()
    {
        while (true)
        {
            List<Pending> sending;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }

                (sending, _waiting) = (_waiting, []);
            }

            Task<(bool Won, FetchedJob[] Next)>[] replies;
            try
            {
                replies = store.CompleteAndClaimNextAsync(sending.ConvertAll(p => (p.Claim, p.Result, p.Next)));
            }
            catch (Exception exception)
            {
                sending.ForEach(p => p.Reply.SetException(exception));
                continue;
            }

            // Every reply is in before the next write, so the completions that arrive meanwhile gather into it.
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

    private sealed record Pending(Claim Claim, JobResult Result, int Next)
    {
        // Continuations run inline: each waiting slot goes on to its next job without another thread hop.
        public TaskCompletionSource<(bool Won, FetchedJob[] Next)> Reply { get; } = new();
    }
}
