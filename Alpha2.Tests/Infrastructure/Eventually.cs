namespace Alpha2.Tests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping a fixed time.</summary>
public static class Eventually
{
    /// <summary>
    /// The first result <paramref name="attempt"/> gives without throwing, trying again until <paramref name="timeout"/>;
    /// an exception <paramref name="stopWhen"/> accepts ends the wait at once.
    /// </summary>
    public static async Task<T> ResultAsync<T>(Func<Task<T>> attempt, TimeSpan timeout, Func<Exception, bool>? stopWhen = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception exception) when (DateTime.UtcNow < deadline && stopWhen?.Invoke(exception) != true)
            {
                await Task.Delay(50);
            }
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        TrueAsync(condition, timeout, () => because);

    /// <summary>As above; <paramref name="because"/> is read only on a timeout, so it can tell what the processes printed by then.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {because()}.");
            }

            await Task.Delay(50);
        }
    }
}
