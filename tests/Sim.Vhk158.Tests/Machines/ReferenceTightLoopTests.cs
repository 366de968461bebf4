using Sim.Vhk158.Machines.Reference;
using Sim.Vhk158.Pipeline;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Machines;

/// <summary>The benchmark's tight loop must schedule exactly as the DES does, or its ratio means nothing.</summary>
public class ReferenceTightLoopTests
{
    [Theory]
    [InlineData(Stage.Decode, 128)]
    [InlineData(Stage.Prefill, 128)]
    public void The_tight_loop_total_is_bit_equal_to_the_DES(Stage stage, int tokens)
    {
        var config = TestWorkloads.Config();
        var des = new FpgaProfiler(config).Run(TestWorkloads.Compile(config, stage, tokens), "des");
        var (total, count) = ReferenceTightLoop.Run(TestWorkloads.Compile(config, stage, tokens), new ReferencePricing(config));
        Assert.Equal(BitConverter.DoubleToInt64Bits(des.TotalMs), BitConverter.DoubleToInt64Bits(total));
        Assert.Equal(des.TotalCount, count);
    }
}
