using Sim.Core.Errors;
using Sim.Core.IO;
using Sim.Tests.Shared;

namespace Sim.Core.Tests.IO;

/// <summary>A set of files appears whole or not at all, and never takes a user's other files with it.</summary>
public class AtomicFolderTests
{
    private static readonly string[] Set = ["a.bin", "b.bin"];

    private static void WriteSet(string dir, string content) =>
        AtomicFolder.Write(dir, Set, temp => { foreach (var n in Set) File.WriteAllText(Path.Combine(temp, n), content); });

    [Fact]
    public void ANewSetReplacesTheOldOneWhole()
    {
        using var tmp = new TempDir();
        var dir = tmp.File("out");
        WriteSet(dir, "old");
        WriteSet(dir, "new");
        Assert.All(Set, n => Assert.Equal("new", File.ReadAllText(Path.Combine(dir, n))));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AFolderWithOtherFilesIsRefusedAndKept()
    {
        using var tmp = new TempDir();
        var dir = tmp.File("out");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "user's");
        var e = Assert.Throws<InputException>(() => WriteSet(dir, "new"));
        Assert.Contains("notes.txt", e.Message);
        Assert.Equal("user's", File.ReadAllText(Path.Combine(dir, "notes.txt")));
    }

    [Fact]
    public void AStaleTempFolderOfADeadWriterIsCleaned()
    {
        using var tmp = new TempDir();
        var stale = tmp.File(".out.2000000000.0123456789abcdef0123456789abcdef.tmp");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "a.bin"), "half");
        WriteSet(tmp.File("out"), "new");
        Assert.False(Directory.Exists(stale));
    }
}
