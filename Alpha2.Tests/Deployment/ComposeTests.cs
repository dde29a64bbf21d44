using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Alpha2.Tests.Deployment;

/// <summary>
/// docker-compose.flowith.yml against the variables the code reads, through <c>docker-compose config</c> (no engine is
/// needed to resolve a file): whatever an operator sets in .env (or an <c>--env-file</c>) reaches every container whose
/// code reads it, and whatever they leave out stays unset there, so the service's own default applies
/// (README.md, Configuration).
/// </summary>
public sealed partial class ComposeTests
{
    private static readonly string Root = EnvExampleTests.RepositoryRoot();

    /// <summary>What compose sets itself: Redis's address on the compose network (COMPOSE_REDIS_URL overrides it, since
    /// .env's REDIS_URL is for runs without Docker), the worker's health file and its metrics port.</summary>
    private static readonly Dictionary<string, string[]> ComposeOwned = new()
    {
        ["api"] = ["REDIS_URL"],
        ["worker"] = ["REDIS_URL", "WORKER_HEALTH_FILE", "WORKER_METRICS_PORT"],
    };

    [TestCase("api", "Alpha2.Api")]
    [TestCase("worker", "Alpha2.Worker")]
    public async Task EveryVariableTheServiceReads_ReachesItsContainer_FromTheEnvFile(string service, string project)
    {
        var read = EnvExampleTests.VariablesReadBy(DockerfileTests.ProjectsBuiltFrom(project));
        var environment = (await ConfigWithEnvFileAsync(read.Select(name => $"{name}=from-env-file-{name}")))[service];

        Assert.That(read, Has.Count.GreaterThan(20), "the scan found the variables");
        Assert.Multiple(() =>
        {
            foreach (var name in read.Except(ComposeOwned[service]))
            {
                Assert.That(environment.GetValueOrDefault(name), Is.EqualTo($"from-env-file-{name}"), $"{name} is read by {project} but does not reach the {service} container");
            }
        });
    }

    [TestCase("api")]
    [TestCase("worker")]
    public async Task AVariableLeftOutOfTheEnvFile_IsUnsetInTheContainer_SoTheServiceDefaultApplies(string service)
    {
        var environment = (await ConfigWithEnvFileAsync([]))[service];

        var set = environment.Where(variable => variable.Value is not null).Select(variable => variable.Key);
        Assert.That(set, Is.EquivalentTo(ComposeOwned[service]), "a default written into compose would shadow the one the code documents in .env.example");
    }

    [Test]
    public async Task TheSandboxEnvFile_ReachesTheServices_AsTheScriptsSandboxDoes()
    {
        // scripts/sandbox-env.sh is the same sandbox for runs without Docker; both must set the same variables.
        var scriptSets = File.ReadAllLines(Path.Combine(Root, "scripts", "sandbox-env.sh"))
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .SelectMany(line => Exported().Matches(line))
            .Select(match => match.Groups[1].Value)
            .ToHashSet();

        var services = await ConfigAsync(Path.Combine(Root, ".env.sandbox"), "--profile", "sandbox");

        Assert.That(scriptSets, Has.Count.GreaterThan(10), "the scan found the script's variables");
        Assert.That(
            scriptSets.Where(name => services["api"].GetValueOrDefault(name) is null && services["worker"].GetValueOrDefault(name) is null),
            Is.Empty,
            "set by scripts/sandbox-env.sh but by neither service's environment from .env.sandbox");
    }

    /// <summary>As <see cref="ConfigAsync"/>, with an env file of <paramref name="lines"/> alone.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string?>>> ConfigWithEnvFileAsync(IEnumerable<string> lines)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(path, lines);
            return await ConfigAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Each service's environment as <c>docker-compose config</c> resolves it: null for a variable left unset.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string?>>> ConfigAsync(string envFile, params string[] arguments)
    {
        var info = new ProcessStartInfo("docker-compose", ["--env-file", envFile, "-f", Path.Combine(Root, "docker-compose.flowith.yml"), .. arguments, "config"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Compose resolves variables from its own environment first: only the env file may speak here.
        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        info.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME");
        using var compose = Process.Start(info) ?? throw new InvalidOperationException("docker-compose did not start");
        var output = compose.StandardOutput.ReadToEndAsync();
        var errors = compose.StandardError.ReadToEndAsync();
        await compose.WaitForExitAsync();
        Assert.That(compose.ExitCode, Is.Zero, await errors);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(await output));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        return services.Children.ToDictionary(
            service => ((YamlScalarNode)service.Key).Value!,
            service => ((YamlMappingNode)service.Value).Children.TryGetValue("environment", out var environment)
                ? ((YamlMappingNode)environment).Children.ToDictionary(
                    variable => ((YamlScalarNode)variable.Key).Value!,
                    variable => variable.Value is YamlScalarNode { Style: ScalarStyle.Plain, Value: "null" or "~" or "" } ? null : ((YamlScalarNode)variable.Value).Value)
                : []);
    }

    [GeneratedRegex(@"\b([A-Z][A-Z0-9_]+)=")]
    private static partial Regex Exported();
}
