using Sim.Core.IO;
using Sim.Tests.Shared;

namespace Sim.Core.Tests.IO;

/// <summary>Temp files of writes: unpredictable, exclusive, never through a link, and cleaned when their writer died (issue 14).</summary>
public class AtomicFileTests
{
    // Above Linux's pid_max (2^22) and any Windows pid in practice: no live process has it.
    private const int DeadPid = 2_000_000_000;

    [Fact]
    public void StaleTempFilesOfDeadProcessesAreCleaned()
    {
        using var tmp = new TempDir();
        var stale = tmp.File($".r.csv.{DeadPid}.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(stale, "half");
        AtomicFile.WriteAllText(tmp.File("other.csv"), "x");
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void TempFilesOfLiveProcessesAreKept()
    {
        using var tmp = new TempDir();
        var live = tmp.File($".r.csv.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(live, "in progress");
        AtomicFile.WriteAllText(tmp.File("other.csv"), "x");
        Assert.True(File.Exists(live));
    }

    [Fact]
    public void UnrelatedDotFilesAreKept()
    {
        using var tmp = new TempDir();
        var mine = tmp.File(".notes.tmp");
        File.WriteAllText(mine, "user's");
        AtomicFile.WriteAllText(tmp.File("other.csv"), "x");
        Assert.True(File.Exists(mine));
    }

    [SkippableFact]
    public void ALinkAtTheTargetIsReplacedNotFollowed()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var tmp = new TempDir();
        var victim = tmp.File("victim.txt");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(tmp.File("out.csv"), victim);
        AtomicFile.WriteAllText(tmp.File("out.csv"), "new");
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal("new", File.ReadAllText(tmp.File("out.csv")));
    }

    [Fact]
    public void NothingButTheTargetIsLeft()
    {
        using var tmp = new TempDir();
        AtomicFile.WriteAllText(tmp.File("a.csv"), "x");
        Assert.Equal(["a.csv"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
    }
}
