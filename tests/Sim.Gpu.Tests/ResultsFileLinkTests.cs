using Sim.Gpu.Results;
using Sim.Tests.Shared;

namespace Sim.Gpu.Tests;

/// <summary><c>gpu merge --into F</c> used to write the fixed name F.tmp, following a planted link (issue 14).</summary>
public class ResultsFileLinkTests
{
    [SkippableFact]
    public void APlantedLinkAtTheOldTempNameIsNotFollowed()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var tmp = new TempDir();
        var path = tmp.File("r.csv");
        var victim = tmp.File("victim.txt");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(path + ".tmp", victim);
        GpuResultsFile.Merge(path, [ResultsFileTests.Row("naive", 128, 512, 1000)]);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Single(GpuResultsFile.Read(path));
    }
}
