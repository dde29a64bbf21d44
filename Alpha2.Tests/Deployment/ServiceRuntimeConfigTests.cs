using System.Text.Json.Nodes;

namespace Alpha2.Tests.Deployment;

public sealed class ServiceRuntimeConfigTests
{
    [TestCase("Alpha2.Api")]
    [TestCase("Alpha2.Worker")]
    public void Service_IsBuiltToRunItsThreadPool_WithoutHillClimbing_AndWithIdleThreadsThatSleepAtOnce(string service)
    {
        // The build copies each service's runtime settings beside the test assembly, as it ships them.
        var path = Path.Combine(AppContext.BaseDirectory, $"{service}.runtimeconfig.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        Assert.That(settings["System.Threading.ThreadPool.HillClimbing.Disable"]?.GetValue<bool>(), Is.True);
        Assert.That(settings["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]?.GetValue<int>(), Is.Zero);
    }
}
