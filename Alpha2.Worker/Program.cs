
namespace Alpha2.Worker;

// An explicit class, not top-level statements: the tests reference both hosts, and both would be 'Program'.
internal static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddAlpha2Worker();
        await builder.Build().RunAsync();
    }
}
