namespace Alpha2.Queue.Consumer;

/// <summary>
/// A job that could not be done, with a message a person can read (it is stored and shown; never put a secret in it).
/// Transient failures are retried with backoff while attempts remain; the rest fail at once.
/// </summary>
public sealed class JobFailedException(string message, bool transient = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;

    /// <summary>
    /// How long the provider asked us to wait (its Retry-After), when it did: a transient retry then waits at least
    /// this long in the delayed set instead of the backoff, so no slot is held and no call is spent on a certain 429.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
