namespace Sim.Runner.Slurm;

/// <summary>
/// The command that runs this very vhksim, with absolute paths, for scripts that run later and
/// elsewhere: the running executable when it is the vhksim app host, else the app host beside
/// this assembly, else <c>dotnet vhksim.dll</c> through the dotnet that runs us.
/// </summary>
public static class VhksimExecutable
{
    public static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "vhksim") return [Path.GetFullPath(process)];
        var dll = typeof(VhksimExecutable).Assembly.Location;
        var host = Path.Combine(Path.GetDirectoryName(dll)!, OperatingSystem.IsWindows() ? "vhksim.exe" : "vhksim");
        if (File.Exists(host)) return [host];
        var dotnet = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        return [dotnet, dll];
    }
}
