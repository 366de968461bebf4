namespace Sim.Architecture.Tests.Model;

/// <summary>The folder holding VhkSim.sln, found upward from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "VhkSim.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("VhkSim.sln not found above the test binaries");
        }
    }
}
