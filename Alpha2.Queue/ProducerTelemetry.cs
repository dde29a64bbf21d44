using System.Diagnostics;
using Alpha2.Queue.Consumer;

namespace Alpha2.Queue;

/// <summary>
/// The producer's <c>send &lt;queue&gt;</c> span around an enqueue, in OpenTelemetry's messaging conventions. Its id is
/// the job's <c>traceparent</c>, so the worker's <c>process &lt;queue&gt;</c> span is its child (docs/metrics.md).
/// </summary>
public static class ProducerTelemetry
{
    /// <summary>The ActivitySource to trace: the queue library's one name, shared with the consumer's spans.</summary>
    public const string Name = QueueTelemetry.Name;

    private static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// The send span, or null when no listener samples it. It is not left current: it covers the enqueue only,
    /// not what the caller does after it.
    /// </summary>
    internal static Activity? StartSend(string queue)
    {
        var caller = Activity.Current;
        var send = Source.StartActivity($"send {queue}", ActivityKind.Producer);
        if (send is null)
        {
            return null;
        }

        Activity.Current = caller;
        send.SetTag("messaging.system", QueueTelemetry.MessagingSystem);
        send.SetTag("messaging.operation.name", "send");
        send.SetTag("messaging.operation.type", "send");
        send.SetTag("messaging.destination.name", queue);
        return send;
    }

    /// <summary>Ends <paramref name="send"/> when the enqueue does, with the job id the script made (known only then).</summary>
    internal static async Task<string> EndSendAsync(Activity send, Task<string> enqueue)
    {
        using (send)
        {
            try
            {
                var jobId = await enqueue;
                send.SetTag("messaging.message.id", jobId);
                return jobId;
            }
            catch (Exception exception)
            {
                send.SetStatus(ActivityStatusCode.Error, exception.Message);
                send.SetTag("error.type", exception.GetType().FullName);
                throw;
            }
        }
    }
}
