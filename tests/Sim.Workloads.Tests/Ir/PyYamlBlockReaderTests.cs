using System.Text;
using CsCheck;
using Sim.Core.Errors;
using Sim.Tests.Fuzz;
using Sim.Tests.Shared;
using Sim.Workloads.Ir;

namespace Sim.Workloads.Tests.Ir;

/// <summary>
/// The fast reader of PyYAML's block layout gives the same program and the same lines as the
/// YamlDotNet reader, on every reference file and on any edit it accepts; anything else falls back.
/// </summary>
public class PyYamlBlockReaderTests
{
    public static IEnumerable<object[]> ReferenceFiles() =>
        ReferenceData.Folder is null ? [["(reference data absent)"]]
            : Directory.GetFiles(ReferenceData.IrDir, "*.yaml").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [SkippableTheory]
    [MemberData(nameof(ReferenceFiles))]
    public void Reference_file_reads_the_same_with_both_readers(string file)
    {
        ReferenceData.SkipIfAbsent();
        var path = Path.Combine(ReferenceData.IrDir, file);
        var fast = IrReader.ParseFastPath(File.ReadAllBytes(path), path);
        Assert.NotNull(fast); // every reference file is in PyYAML's block layout
        var slow = IrReader.ParseWithYamlDotNet(File.ReadAllText(path), path);
        AssertSame(slow, fast);
        Assert.Equal(fast.Program, IrReader.ParseFile(path).Program);
    }

    [Fact]
    public void Written_programs_read_the_same_with_both_readers()
    {
        foreach (var stage in new[] { Stage.Prefill, Stage.Decode })
        {
            var text = IrWriter.ToYaml(IrTestData.TinyProgram(stage));
            var fast = IrReader.ParseFastPath(Encoding.UTF8.GetBytes(text), "tiny.yaml");
            Assert.NotNull(fast);
            AssertSame(IrReader.ParseWithYamlDotNet(text, "tiny.yaml"), fast);
        }
    }

    [Theory]
    [InlineData("name: round_1_softmax_0", "name: yes")]            // a bool to YAML 1.1
    [InlineData("name: round_1_softmax_0", "name: 'round_1_softmax_0'")]
    [InlineData("name: round_1_softmax_0", "name: round_1_softmax_0 # a comment")]
    [InlineData("    addr: 0", "    addr: 010")]                        // octal to YAML 1.1
    [InlineData("    addr: 0", "    addr: 0x10")]
    [InlineData("    sparse_ratio: 0.7", "    sparse_ratio: 7e-1")]
    [InlineData("  structure: {}", "  structure: {dim: 1}")]
    [InlineData("  input: []", "  input: [ ]")]
    [InlineData("    dtype: int8", "    dtype: &d int8")]
    public void Text_outside_the_layout_is_left_to_YamlDotNet(string line, string with)
    {
        var text = IrWriter.ToYaml(IrTestData.TinyProgram(Stage.Decode));
        Assert.Contains(line + "\n", text);
        int at = text.IndexOf(line + "\n", StringComparison.Ordinal);
        var edited = text[..at] + with + text[(at + line.Length)..];
        Assert.Null(IrReader.ParseFastPath(Encoding.UTF8.GetBytes(edited), "edited.yaml"));
        Assert.Null(IrReader.ParseFastPath(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n")), "crlf.yaml"));
        Assert.Null(IrReader.ParseFastPath(Encoding.UTF8.GetBytes(text.TrimEnd('\n')), "no-final-newline.yaml"));
    }

    [Fact]
    public void Any_edit_the_fast_reader_accepts_reads_the_same_with_YamlDotNet()
    {
        var seed = Encoding.UTF8.GetBytes(IrWriter.ToYaml(IrTestData.TinyProgram(Stage.Decode, 16)));
        long accepted = 0;
        Mutations.Of(seed, maxEdits: 1).Sample(bytes =>
        {
            IrParseResult? fast;
            try { fast = IrReader.ParseFastPath(bytes, "fuzz.yaml"); }
            catch (InputException e)
            {
                // Only the stage checks after parsing throw; YamlDotNet's reader must say the same.
                var slowError = Assert.Throws<InputException>(() => IrReader.ParseWithYamlDotNet(Encoding.UTF8.GetString(bytes), "fuzz.yaml"));
                Assert.Equal(slowError.Message, e.Message);
                return;
            }
            if (fast is null) return;
            Interlocked.Increment(ref accepted);
            AssertSame(IrReader.ParseWithYamlDotNet(Encoding.UTF8.GetString(bytes), "fuzz.yaml"), fast);
        }, iter: 5000);
        Assert.True(Interlocked.Read(ref accepted) > 100, $"only {accepted} edited files were in the layout; the test compares too little");
    }

    private static void AssertSame(IrParseResult expected, IrParseResult? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Program, actual.Program);
        var (e, a) = (expected.Lines, actual.Lines);
        Assert.Equal(e.LayerCount, a.LayerCount);
        for (int i = 0; i < e.LayerCount; i++)
        {
            Assert.Equal(e.Layer(i), a.Layer(i));
            Assert.Equal(e.Structure(i), a.Structure(i));
            var layer = expected.Program.Layers[i];
            foreach (var (role, count) in new[] { (TensorRole.Input, layer.Inputs.Count), (TensorRole.Output, layer.Outputs.Count), (TensorRole.Param, layer.Params?.Count ?? 0) })
                for (int k = 0; k < count; k++)
                    Assert.Equal(e.Tensor(i, role, k), a.Tensor(i, role, k));
        }
    }
}
