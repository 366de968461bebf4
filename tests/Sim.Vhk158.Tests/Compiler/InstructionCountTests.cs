using Sim.Tests.Shared;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;
using Sim.Workloads.Masks;

namespace Sim.Vhk158.Tests.Compiler;

/// <summary>Instruction counts against the closed forms of spec §3.11, derived independently of the generators.</summary>
public class InstructionCountTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(528)]
    [InlineData(2048)]
    public void Decode_counts_follow_the_closed_form(int l)
    {
        var counts = TestWorkloads.Counts(TestWorkloads.Compile(TestWorkloads.Config(), Stage.Decode, l));
        int lb = l / 16, t = (lb + 31) / 32;
        Assert.Equal(32L * (2511 + 32 * t * Math.Min(8, lb)) + 1010, counts[(int)Module.LD]);
        Assert.Equal(418, counts[(int)Module.ST]);
        Assert.Equal(418, counts[(int)Module.SYS]);
        Assert.Equal(32L * (240 + 32 * t) + 126, counts[(int)Module.MV]);
        Assert.Equal(4545, counts[(int)Module.MISC]);
        Assert.Equal(0, counts[(int)Module.MM]);
    }

    [Fact]
    public void Decode_512_total_matches_the_spec_example()
    {
        var counts = TestWorkloads.Counts(TestWorkloads.Compile(TestWorkloads.Config(), Stage.Decode, 512));
        Assert.Equal(89_554, counts[(int)Module.LD]);
        Assert.Equal(8_830, counts[(int)Module.MV]);
        Assert.Equal(103_765, counts.Sum());
    }

    [SkippableFact]
    public void Prefill_128_counts_follow_the_closed_form_with_the_reference_masks()
    {
        ReferenceData.SkipIfAbsent();
        var masks = MaskSet.Load(ReferenceData.MaskDir, 32);
        var counts = TestWorkloads.Counts(TestWorkloads.Compile(TestWorkloads.Config(), Stage.Prefill, 128, masks));
        const int l = 128, t = 1;
        Assert.Equal(5630L * l, counts[(int)Module.ST]);
        Assert.Equal(1945L * l, counts[(int)Module.MISC]);
        Assert.Equal(354, counts[(int)Module.SYS]);
        // At L=128 every key column is live, so qkt has 8192 MMs.
        Assert.Equal(111_568L * t + 8192 * t + 8192, counts[(int)Module.MM]);
        Assert.Equal(32L * (2 * l + 4 + 21_272 * t) + l + 2008 * t + 36_864, counts[(int)Module.LD]);
    }

    [Fact]
    public void Prefill_has_354_groups_and_decode_418()
    {
        Assert.Equal(354, TestWorkloads.Compile(TestWorkloads.Config(), Stage.Prefill, 128).Count);
        Assert.Equal(418, TestWorkloads.Compile(TestWorkloads.Config(), Stage.Decode, 64).Count);
    }
}
