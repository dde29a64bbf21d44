using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.WebConsole;

/// <summary>One backend, as real processes, for every console test; the fixtures run one after another.</summary>
[SetUpFixture]
public sealed class ConsoleRun
{
    private static ServiceStack? _stack;

    public static ServiceStack Stack => _stack ?? throw new InvalidOperationException("The console stack did not start.");

    [OneTimeSetUp]
    public async Task StartAsync() => _stack = await ServiceStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
