using System.Text.Json.Nodes;

namespace Alpha2.Tests.Deployment;

public sealed class ServiceRuntimeConfigTests
{
    [TestCase("Alpha2.Api")]
    [TestCase("Alpha2.Worker")]
    public void The_service_is_built_to_run_its_thread_pool_without_hill_climbing(string service)
    {
        // The build copies each service's runtime settings beside the test assembly, as it ships them.
        var path = Path.Combine(AppContext.BaseDirectory, $"{service}.runtimeconfig.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        Assert.That(settings["System.Threading.ThreadPool.HillClimbing.Disable"]?.GetValue<bool>(), Is.True);
    }
}
