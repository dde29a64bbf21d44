using System.Xml.Linq;

namespace Alpha2.Tests.Deployment;

/// <summary>
/// The images cannot be built here (no Docker engine), so their Dockerfiles are checked as text: each copies every
/// project its service builds from, for the restore layer and for the build.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Root = EnvExampleTests.RepositoryRoot();

    [TestCase("Alpha2.Api")]
    [TestCase("Alpha2.Worker")]
    [TestCase("Alpha2.Sandbox")]
    public void Dockerfile_CopiesEveryProjectTheServiceBuildsFrom(string service)
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, service, "Dockerfile")).Select(line => line.Trim()).ToHashSet();
        var projects = ProjectsBuiltFrom(service).ToArray();

        Assert.That(projects, Has.Length.GreaterThan(1), "the service and at least one library");
        Assert.Multiple(() =>
        {
            foreach (var project in projects)
            {
                Assert.That(dockerfile, Does.Contain($"COPY {project}/{project}.csproj {project}/"), $"{service}'s restore layer lacks {project}");
                Assert.That(dockerfile, Does.Contain($"COPY {project}/ {project}/"), $"{service}'s build lacks {project}'s sources");
            }
        });
    }

    [TestCase("Alpha2.Api")]
    [TestCase("Alpha2.Worker")]
    [TestCase("Alpha2.Sandbox")]
    public void Dockerfile_RunsOnAnImageWithEverySharedFrameworkTheServiceNeeds(string service)
    {
        var needsAspNetCore = ProjectsBuiltFrom(service).Any(project =>
        {
            var csproj = XDocument.Load(Path.Combine(Root, project, $"{project}.csproj"));
            return csproj.Root!.Attribute("Sdk")!.Value == "Microsoft.NET.Sdk.Web"
                   || csproj.Descendants("FrameworkReference").Any(f => f.Attribute("Include")!.Value == "Microsoft.AspNetCore.App")
                   || csproj.Descendants("PackageReference").Any(p => p.Attribute("Include")!.Value == "WireMock.Net");
        });
        var runtime = File.ReadAllLines(Path.Combine(Root, service, "Dockerfile")).Last(line => line.StartsWith("FROM ", StringComparison.Ordinal));

        Assert.That(runtime, needsAspNetCore ? Does.Contain("dotnet/aspnet:") : Does.Contain("dotnet/runtime:"), $"{service} needs ASP.NET Core: {needsAspNetCore}");
    }

    /// <summary>The project and every project it references, directly or not.</summary>
    internal static SortedSet<string> ProjectsBuiltFrom(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            var csproj = XDocument.Load(Path.Combine(Root, next, $"{next}.csproj"));
            foreach (var reference in csproj.Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')));
            }
        }

        return seen;
    }
}
