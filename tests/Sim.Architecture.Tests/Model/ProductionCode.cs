using System.Reflection;
using ArchUnitNET.Loader;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Sim.Architecture.Tests.Model;

/// <summary>
/// The compiled production assemblies as ArchUnitNET sees them, loaded once for all tests
/// (loading is the slow part; each rule is then a quick query).
/// </summary>
public static class ProductionCode
{
    private static readonly Lazy<ArchitectureModel> Loaded = new(Load);

    public static ArchitectureModel Architecture => Loaded.Value;

    public static Assembly AssemblyOf(Layer layer) => Assembly.Load(layer.AssemblyName);

    private static ArchitectureModel Load() =>
        new ArchLoader().LoadAssemblies(Layering.All.Select(AssemblyOf).ToArray()).Build();
}
