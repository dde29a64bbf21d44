using System.Text.RegularExpressions;

namespace Alpha2.Tests.Deployment;

public sealed partial class EnvExampleTests
{
    private static readonly string Root = RepositoryRoot();

    [Test]
    public void EveryVariableTheCodeReads_IsInEnvExample_WithAComment()
    {
        var read = VariablesReadByTheCode();
        var example = File.ReadAllLines(Path.Combine(Root, ".env.example"));
        var documented = example
            .Select((line, index) => (Match: Assignment().Match(line), Index: index))
            .Where(x => x.Match.Success && x.Index > 0 && example[x.Index - 1].StartsWith('#'))
            .Select(x => x.Match.Groups[1].Value)
            .ToHashSet();

        Assert.That(read, Has.Count.GreaterThan(20), "the scan found the variables");
        Assert.That(read.Except(documented), Is.Empty, "read by the code but missing (or uncommented) in .env.example");
    }

    /// <summary>
    /// Names in the forms the code reads configuration: config["X"], GetValue("X", …), new ProviderUrl("X", …),
    /// KeyVariable => "X", KeyVariable = "X", and AiOptions' setting("X") and Number(setting, "X", …).
    /// </summary>
    private static HashSet<string> VariablesReadByTheCode() =>
        VariablesReadBy(Directory.EnumerateDirectories(Root, "Alpha2.*").Select(Path.GetFileName).Where(project => project != "Alpha2.Tests")!);

    /// <summary>The names the sources of <paramref name="projects"/> read, in the forms listed above.</summary>
    internal static HashSet<string> VariablesReadBy(IEnumerable<string> projects) =>
        projects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Root, project), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => ConfigurationRead().Matches(File.ReadAllText(path)))
            .Select(match => match.Groups.Values.Skip(1).First(g => g.Success).Value)
            .ToHashSet();

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Alpha2.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Alpha2.sln not found above the test output.");
    }

    [GeneratedRegex(@"\[""([A-Z][A-Z0-9_]+)""\]|GetValue\(""([A-Z][A-Z0-9_]+)""|new\(""([A-Z][A-Z0-9_]+)"",|Variable (?:=>|=) ""([A-Z][A-Z0-9_]+)""|setting\(""([A-Z][A-Z0-9_]+)""\)|Number\(setting, ""([A-Z][A-Z0-9_]+)""")]
    private static partial Regex ConfigurationRead();

    [GeneratedRegex("^([A-Z][A-Z0-9_]+)=")]
    private static partial Regex Assignment();
}
