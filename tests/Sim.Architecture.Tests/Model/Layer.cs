namespace Sim.Architecture.Tests.Model;

/// <summary>
/// One project of ours: its project name (folder, csproj and root namespace), the assembly it builds,
/// and the projects of ours it may use.
/// </summary>
public sealed record Layer(string Project, string AssemblyName, IReadOnlyList<string> MayUse)
{
    public override string ToString() => Project;
}
