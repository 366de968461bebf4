using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;

namespace Sim.Architecture.Tests.Model;

/// <summary>
/// Slices a project's types by the first namespace segment under its root, so
/// Sim.Vhk158.Compiler.Generators belongs to the Compiler slice.
/// </summary>
/// <remarks>
/// ArchUnitNET 0.13.5's <c>Matching("Root.(*)..")</c> still names Compiler.Generators a slice of its
/// own, so the assignment is given to the library explicitly; its rule and its dependency
/// extraction stay the library's. Types directly in the root namespace belong to no slice.
/// </remarks>
public static class NamespaceSlices
{
    public static GivenSlices ByFirstSegmentUnder(string root)
    {
        var creator = new SliceRuleCreator();
        creator.SetSliceAssignment(new SliceAssignment(type => Assign(type, root), $"namespaces under \"{root}\" by their first segment"));
        return new GivenSlices(creator);
    }

    /// <summary>The slice name of a namespace under <paramref name="root"/>, or null.</summary>
    public static string? SliceOf(string ns, string root)
    {
        if (!ns.StartsWith(root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    private static SliceIdentifier Assign(IType type, string root) =>
        SliceOf(type.Namespace.FullName, root) is { } slice ? SliceIdentifier.Of(slice, 1, null) : SliceIdentifier.Ignore();
}
