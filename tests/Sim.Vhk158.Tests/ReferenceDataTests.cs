using Sim.Tests.Shared;

namespace Sim.Vhk158.Tests;

public class ReferenceDataTests
{
    [SkippableFact]
    public void Reference_folder_has_the_artifact_files()
    {
        ReferenceData.SkipIfAbsent();
        Assert.Equal(144, Directory.GetFiles(ReferenceData.IrDir, "*.yaml").Length);
        Assert.Equal(32, Directory.GetFiles(ReferenceData.MaskDir, "*.npy").Length);
        Assert.Equal(144, Directory.GetFiles(ReferenceData.ProfilerDir, "*.csv").Length);
    }
}
