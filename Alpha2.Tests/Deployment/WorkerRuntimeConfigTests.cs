using System.Text.Json.Nodes;

namespace Alpha2.Tests.Deployment;

public sealed class WorkerRuntimeConfigTests
{
    [Test]
    public void The_worker_is_built_to_run_its_thread_pool_without_hill_climbing()
    {
        // The build copies the worker's runtime settings beside the test assembly, as it ships them.
        var path = Path.Combine(AppContext.BaseDirectory, "Alpha2.Worker.runtimeconfig.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        Assert.That(settings["System.Threading.ThreadPool.HillClimbing.Disable"]?.GetValue<bool>(), Is.True);
    }
}
