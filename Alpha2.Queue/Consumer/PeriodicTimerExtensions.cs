namespace Alpha2.Queue.Consumer;

public static class PeriodicTimerExtensions
{
    /// <summary>Waits for the next tick; false once <paramref name="stoppingToken"/> fires, instead of throwing.</summary>
    public static async Task<bool> TickAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
