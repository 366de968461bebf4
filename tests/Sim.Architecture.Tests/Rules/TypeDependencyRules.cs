using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.xUnit;
using Sim.Architecture.Tests.Model;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Sim.Architecture.Tests.Rules;

/// <summary>
/// The layering rule at the type level: what the compiled code of each project really uses.
/// A ProjectReference declared but unused is invisible here; <see cref="ProjectReferenceRules"/>
/// covers it.
/// </summary>
public class TypeDependencyRules
{
    [Fact]
    public void Sim_Core_uses_nothing_of_ours() => UsesOnlyWhatItMay(Layering.Core);

    [Fact]
    public void Sim_Workloads_uses_only_Sim_Core() => UsesOnlyWhatItMay(Layering.Workloads);

    [Fact]
    public void Sim_Vhk158_uses_only_Sim_Core_and_Sim_Workloads() => UsesOnlyWhatItMay(Layering.Vhk158);

    [Fact]
    public void Sim_Gpu_uses_only_Sim_Core_and_Sim_Workloads() => UsesOnlyWhatItMay(Layering.Gpu);

    [Fact]
    public void Nothing_uses_Sim_Runner()
    {
        var others = Layering.All.Where(l => l != Layering.Runner).Select(ProductionCode.AssemblyOf).ToArray();
        RequireTypesIn([.. others, ProductionCode.AssemblyOf(Layering.Runner)]);
        CodeOf(others)
            .Should().NotDependOnAny(TypesOf([Layering.Runner]))
            .Because("Sim.Runner only wires the other projects together; nothing may build on it")
            .Check(ProductionCode.Architecture);
    }

    private static void UsesOnlyWhatItMay(Layer layer)
    {
        var assembly = ProductionCode.AssemblyOf(layer);
        RequireTypesIn([assembly]);
        var forbidden = Layering.ForbiddenFor(layer);
        var allowed = layer.MayUse.Count == 0 ? "nothing of ours" : string.Join(", ", layer.MayUse);
        CodeOf([assembly])
            .Should().NotDependOnAny(TypesOf(forbidden))
            .Because($"{layer.Project} may use {allowed}")
            .Check(ProductionCode.Architecture);
    }

    /// <summary>
    /// The types written in these assemblies. CsvHelper's source generator puts a type named
    /// CsvHelper.Generated.CsvRecordRegistrations into every assembly that has CSV records, and
    /// ArchUnitNET 0.13.5 keys types by full name, so the copies in Sim.Gpu and Sim.Runner merge
    /// into one that seems to use both; it only registers its own assembly's record types.
    /// </summary>
    private static GivenTypesConjunction CodeOf(System.Reflection.Assembly[] assemblies) =>
        Types().That().ResideInAssembly(assemblies[0], assemblies[1..])
            .And().DoNotResideInNamespaceOrBelow("CsvHelper.Generated");

    /// <summary>The types of these projects: in their assemblies or under their root namespaces.</summary>
    private static IObjectProvider<IType> TypesOf(IReadOnlyList<Layer> layers)
    {
        var assemblies = layers.Select(ProductionCode.AssemblyOf).ToArray();
        var types = Types().That().ResideInAssembly(assemblies[0], assemblies[1..]);
        foreach (var layer in layers)
            types = types.Or().ResideInNamespaceOrBelow(layer.Project);
        return types.As("types of " + string.Join(", ", layers));
    }

    /// <summary>A rule over an assembly that failed to load would pass on nothing.</summary>
    private static void RequireTypesIn(System.Reflection.Assembly[] assemblies)
    {
        foreach (var assembly in assemblies)
            Assert.True(ProductionCode.Architecture.Types.Any(t => t.Assembly.FullName == assembly.FullName),
                $"no types of {assembly.GetName().Name} were loaded");
    }
}
