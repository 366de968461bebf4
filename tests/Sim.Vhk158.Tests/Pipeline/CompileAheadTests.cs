using Sim.Core.Errors;
using Sim.Vhk158.Compiler;
using Sim.Vhk158.Pipeline;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Pipeline;

/// <summary>Compiling on a second thread changes nothing the machine sees: same groups, same profile, same errors.</summary>
public class CompileAheadTests
{
    [Theory]
    [InlineData(Stage.Prefill, 256)]
    [InlineData(Stage.Decode, 512)]
    public void A_profile_compiled_ahead_is_bit_equal_to_one_compiled_inline(Stage stage, int tokens)
    {
        var config = TestWorkloads.Config();
        var program = TestWorkloads.Program(stage, tokens);
        var inline = new FpgaProfiler(config) { CompilesAhead = false }.Profile(program, TestWorkloads.SyntheticMasks, "inline");
        var ahead = new FpgaProfiler(config) { CompilesAhead = true }.Profile(program, TestWorkloads.SyntheticMasks, "ahead");
        Assert.Equal(BitConverter.DoubleToInt64Bits(inline.TotalMs), BitConverter.DoubleToInt64Bits(ahead.TotalMs));
        Assert.Equal(inline.TotalCount, ahead.TotalCount);
        Assert.Equal(inline.Events, ahead.Events);
    }

    [Fact]
    public void The_groups_come_in_program_order()
    {
        var config = TestWorkloads.Config();
        var expected = TestWorkloads.Compile(config, Stage.Decode, 64).Select(g => g.Group.Layer.Name).ToList();
        var program = new ProgramCompiler(config, TestWorkloads.SyntheticMasks, "test").Compile(TestWorkloads.Program(Stage.Decode, 64));
        using var ahead = new CompileAhead(program);
        Assert.Equal(expected, ahead.Select(g => g.Group.Layer.Name).ToList());
    }

    [Fact]
    public void A_compile_error_reaches_the_consumer_after_the_groups_before_it()
    {
        using var ahead = new CompileAhead(Failing());
        var seen = new List<string>();
        var e = Assert.Throws<InputException>(() =>
        {
            foreach (var g in ahead) seen.Add(g.Group.Layer.Name);
        });
        Assert.Equal("bad layer", e.Message);
        Assert.Equal(2, seen.Count);

        static IEnumerable<CompiledGroup> Failing()
        {
            var groups = TestWorkloads.Compile(TestWorkloads.Config(), Stage.Decode, 16);
            yield return groups[0];
            yield return groups[1];
            throw new InputException("bad layer");
        }
    }

    [Fact]
    public async Task Disposing_stops_a_compiler_the_consumer_left_behind()
    {
        var config = TestWorkloads.Config();
        var program = new ProgramCompiler(config, TestWorkloads.SyntheticMasks, "test").Compile(TestWorkloads.Program(Stage.Prefill, 512));
        var ahead = new CompileAhead(program);
        using (var e = ahead.GetEnumerator()) Assert.True(e.MoveNext()); // the machine stops after one group
        // Hangs (and times out) if the compiling thread stays blocked on the full queue.
        await Task.Run(ahead.Dispose).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
