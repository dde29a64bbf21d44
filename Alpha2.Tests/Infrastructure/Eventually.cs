namespace Alpha2.Tests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ResultAsync<T>(Func<Task<T>> attempt, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
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
