namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>The last few thousand signatures this process queued: the stream and its gap fill overlap after a reconnect.</summary>
internal sealed class RecentSignatures(int capacity)
{
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public bool Contains(string signature) => _seen.Contains(signature);

    public void Add(string signature)
    {
        if (_seen.Add(signature))
        {
            _order.Enqueue(signature);
        }

        if (_order.Count > capacity)
        {
            _seen.Remove(_order.Dequeue());
        }
    }
}
