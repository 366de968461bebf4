namespace Sim.Architecture.Tests.Model;

/// <summary>
/// One csproj as declared: its name, path relative to the repository root, whether it is a test
/// project, and the names of the projects it lists as ProjectReference.
/// </summary>
public sealed record ProjectFile(string Name, string RelativePath, bool IsTestProject, IReadOnlyList<string> References);
