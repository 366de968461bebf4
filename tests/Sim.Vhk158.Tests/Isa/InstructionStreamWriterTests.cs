using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Tests.Isa;

/// <summary>
/// <c>compile</c> writes its stream files as one set: into a fresh temp folder renamed into place,
/// never through a planted link at a predictable temp name (issue 14).
/// </summary>
public class InstructionStreamWriterTests
{
    private static readonly string[] SetNames =
        [.. Enum.GetValues<Module>().Select(m => m.ToString().ToLowerInvariant() + ".bin"), "counts.csv"];

    [SkippableFact]
    public void PlantedLinksAtTheOldTempNamesAreNotFollowed()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        Directory.CreateDirectory(dir);
        var victim = tmp.File("victim.txt");
        File.WriteAllText(victim, "precious");
        foreach (var m in Enum.GetValues<Module>())
            File.CreateSymbolicLink(Path.Combine(dir, $"{m.ToString().ToLowerInvariant()}.bin.{Environment.ProcessId}.tmp"), victim);
        // Today the folder is refused (it holds files outside the set); either way, nothing is written through a link.
        var refused = Record.Exception(() => InstructionStreamWriter.Write([], dir));
        Assert.True(refused is null or InputException, $"unexpected {refused}");
        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [Fact]
    public void TheFolderHoldsExactlyTheSet()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        InstructionStreamWriter.Write([], dir);
        InstructionStreamWriter.Write([], dir); // replacing an earlier set
        Assert.Equal(SetNames.Order(), Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
        Assert.Equal(["out"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedCompileLeavesTheOldSetWhole()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "out");
        InstructionStreamWriter.Write([], dir);
        var before = File.ReadAllText(Path.Combine(dir, "counts.csv"));
        Assert.Throws<InvalidOperationException>(() => InstructionStreamWriter.Write(Failing(), dir));
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir, "counts.csv")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
    }

    private static IEnumerable<CompiledGroup> Failing()
    {
        foreach (var g in Enumerable.Empty<CompiledGroup>()) yield return g;
        throw new InvalidOperationException("the compiler failed half-way");
    }
}
