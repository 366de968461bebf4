using System.Xml.Linq;

namespace Sim.Architecture.Tests.Model;

/// <summary>
/// The ProjectReference graph as the csproj files declare it. The type-level rules only see
/// references that the compiler kept; a reference declared but unused shows only here.
/// </summary>
public sealed class ProjectGraph
{
    private static readonly Lazy<ProjectGraph> OfRepository = new(() => Read(RepositoryRoot.Path));

    public IReadOnlyList<ProjectFile> Projects { get; }

    private ProjectGraph(IReadOnlyList<ProjectFile> projects) => Projects = projects;

    public static ProjectGraph Current => OfRepository.Value;

    public ProjectFile Named(string name) =>
        Projects.SingleOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"no {name}.csproj found under the repository root");

    public static ProjectGraph Read(string root)
    {
        var projects = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutputOrHidden(Path.GetRelativePath(root, path)))
            .Select(path => ReadProject(root, path))
            .OrderBy(p => p.RelativePath, StringComparer.Ordinal)
            .ToList();
        return new ProjectGraph(projects);
    }

    private static ProjectFile ReadProject(string root, string path)
    {
        var xml = XDocument.Load(path);
        var dir = Path.GetDirectoryName(path)!;
        // csproj files written on Windows use backslashes; msbuild accepts both.
        var references = xml.Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFileNameWithoutExtension(Path.GetFullPath(Path.Combine(dir, include.Replace('\\', '/')))))
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var isTest = xml.Descendants("IsTestProject").Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
        return new ProjectFile(Path.GetFileNameWithoutExtension(path), Path.GetRelativePath(root, path), isTest, references);
    }

    private static bool IsBuildOutputOrHidden(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar)
            .SkipLast(1)
            .Any(part => part is "bin" or "obj" || part.StartsWith('.'));
}
