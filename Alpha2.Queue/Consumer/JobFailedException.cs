namespace Alpha2.Queue.Consumer;

/// <summary>
/// A job that could not be done, with a message a person can read (it is stored and shown; never put a secret in it).
/// Transient failures are retried with backoff while attempts remain; the rest fail at once.
/// </summary>
public sealed class JobFailedException(string message, bool transient = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}
