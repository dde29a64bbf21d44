using Alpha2.Queue;
using Alpha2.ServiceDefaults;
using Alpha2.Solana;
using Alpha2.Worker;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace Alpha2.Tests.Architecture;

/// <summary>
/// The arrows of docs/architecture.md, checked on the compiled assemblies: each rule fails the build's tests when a
/// type anywhere crosses it.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly Assembly Contracts = typeof(Alpha2.Contracts.Alpha2Json).Assembly;
    private static readonly Assembly QueueLibrary = typeof(JobQueue).Assembly;
    private static readonly Assembly SolanaLibrary = typeof(Base58).Assembly;
    private static readonly Assembly Defaults = typeof(RedisExtensions).Assembly;
    private static readonly Assembly Api = typeof(Program).Assembly;
    private static readonly Assembly Worker = typeof(WorkerComposition).Assembly;
    private static readonly Assembly Sandbox = Assembly.LoadFrom(BuiltBeside("Alpha2.Sandbox"));

    private static readonly ArchUnitNET.Domain.Architecture Product =
        new ArchLoader().LoadAssemblies(Contracts, QueueLibrary, SolanaLibrary, Defaults, Api, Worker, Sandbox).Build();

    [Test]
    public void Contracts_DependOnNothingOfOurs() =>
        TypesOf(Contracts).Should().NotDependOnAny(OursOutside("Alpha2.Contracts")).Check(Product);

    [Test]
    public void Solana_DependsOnNothingOfOurs() =>
        TypesOf(SolanaLibrary).Should().NotDependOnAny(OursOutside("Alpha2.Solana")).Check(Product);

    [Test]
    public void Queue_DependsOnContractsOnly() =>
        TypesOf(QueueLibrary).Should().NotDependOnAny(OursOutside("Alpha2.Queue", "Alpha2.Contracts")).Check(Product);

    [Test]
    public void ServiceDefaults_DependOnNothingOfOurs() =>
        TypesOf(Defaults).Should().NotDependOnAny(OursOutside("Alpha2.ServiceDefaults")).Check(Product);

    [TestCaseSource(nameof(WorkerFeatures))]
    public void WorkerFeature_DependsOnNoOtherFeature(string feature) =>
        Types().That().ResideInNamespaceMatching(Below($"Alpha2.Worker.Features.{feature}")).Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Alpha2\.Worker\.Features\.").And()
                .DoNotResideInNamespaceMatching(Below($"Alpha2.Worker.Features.{feature}")))
            .Because("what two features share lives in Stores/ or Providers/, not in one of them").Check(Product);

    [Test]
    public void WorkerProviders_DependOnNoFeatureOrStore() =>
        Types().That().ResideInNamespaceMatching(Below("Alpha2.Worker.Providers")).Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Alpha2\.Worker\.(Features|Stores)(\.|$)")).Check(Product);

    [Test]
    public void WorkerStoresAndInfrastructure_DependOnNoFeature() =>
        Types().That().ResideInNamespaceMatching(@"^Alpha2\.Worker\.(Stores|Infrastructure)(\.|$)").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Alpha2\.Worker\.Features(\.|$)")).Check(Product);

    [TestCaseSource(nameof(ApiFeatures))]
    public void ApiFeature_DependsOnNoOtherFeature(string feature) =>
        Types().That().ResideInNamespaceMatching(Below($"Alpha2.Api.{feature}")).Should()
            .NotDependOnAny(Types().That().ResideInAssembly(Api).And().ResideInNamespaceMatching(@"^Alpha2\.Api\.")
                .And().DoNotResideInNamespaceMatching(Below($"Alpha2.Api.{feature}"))
                .And().DoNotResideInNamespace("Alpha2.Api.Infrastructure"))
            .Check(Product);

    [Test]
    public void Api_DoesNotReferenceTheWorker()
    {
        Assert.That(Api.GetReferencedAssemblies().Select(a => a.Name), Does.Not.Contain(Worker.GetName().Name));
        TypesOf(Api).Should().NotDependOnAny(TypesOf(Worker)).Check(Product);
    }

    [Test]
    public void Sandbox_UsesNoProductProviderClientOrQueue()
    {
        Assert.That(
            Sandbox.GetReferencedAssemblies().Select(a => a.Name),
            Is.All.Not.AnyOf(Worker.GetName().Name, Api.GetName().Name, QueueLibrary.GetName().Name));
        TypesOf(Sandbox).Should().NotDependOnAny(OursOutside("Alpha2.Sandbox", "Alpha2.Solana")).Check(Product);
    }

    private static IEnumerable<string> WorkerFeatures() => SubNamespaces(Worker, "Alpha2.Worker.Features.");

    private static IEnumerable<string> ApiFeatures() =>
        SubNamespaces(Api, "Alpha2.Api.").Where(name => name != "Infrastructure");

    /// <summary>The first segment of every namespace under <paramref name="prefix"/>: the features, as the folders name them.</summary>
    private static IEnumerable<string> SubNamespaces(Assembly assembly, string prefix) =>
        assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith(prefix, StringComparison.Ordinal))
            .Select(ns => ns[prefix.Length..].Split('.')[0])
            .Distinct()
            .Order();

    private static GivenTypesConjunction TypesOf(Assembly assembly) => Types().That().ResideInAssembly(assembly);

    /// <summary>Types of any Alpha2 namespace except <paramref name="allowed"/> and those below them.</summary>
    private static GivenTypesConjunction OursOutside(params string[] allowed) =>
        Types().That().ResideInNamespaceMatching($@"^Alpha2\.(?!({string.Join('|', allowed.Select(a => a["Alpha2.".Length..].Replace(".", @"\.", StringComparison.Ordinal)))})(\.|$))");

    private static string Below(string ns) => $@"^{ns.Replace(".", @"\.", StringComparison.Ordinal)}(\.|$)";

    /// <summary>Another project's build of the same configuration as this test build.</summary>
    private static string BuiltBeside(string project)
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory); // …/Alpha2.Tests/bin/<Config>/net10.0/
        var root = testDir.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, project, "bin", testDir.Parent.Name, "net10.0", $"{project}.dll");
    }
}
