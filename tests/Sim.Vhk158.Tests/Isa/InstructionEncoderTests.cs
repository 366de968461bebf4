using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Tests.Isa;

public class InstructionEncoderTests
{
    [Fact]
    public void Token_masks_skip_the_own_module_and_count_down_from_bit_4()
    {
        // Spec §3.2's example for LD: ST=16, MM=8, MV=4, MISC=2, SYS=1.
        Assert.Equal(16u, InstructionEncoder.TokenMask(Module.LD, ModuleSet.Of(Module.ST)));
        Assert.Equal(8u, InstructionEncoder.TokenMask(Module.LD, ModuleSet.Of(Module.MM)));
        Assert.Equal(1u, InstructionEncoder.TokenMask(Module.LD, ModuleSet.Of(Module.SYS)));
        // For SYS the others are LD, ST, MM, MV, MISC: LD is bit 4, MISC bit 0.
        Assert.Equal(16u | 1u, InstructionEncoder.TokenMask(Module.SYS, ModuleSet.Of(Module.LD) | Module.MISC));
    }

    [Fact]
    public void Encoding_places_opcode_tokens_and_fields()
    {
        Span<uint> w = stackalloc uint[7];
        InstructionEncoder.Encode(Instruction.Ld(4096, 8, false, Sim.Vhk158.Isa.LoadTarget.ABuffer).Waits(ModuleSet.Of(Module.MV)), w);
        Assert.Equal(0b0001u, w[0] >> 28);
        Assert.Equal(4u, (w[0] >> 23) & 0x1F);
        Assert.Equal(4u, (w[0] >> 15) & 0x7);
        Assert.Equal(7u, (w[0] >> 12) & 0x7);
        Assert.Equal(4096u, w[6] & 0x7FFFFF);

        InstructionEncoder.Encode(Instruction.Mv(128, true, 0.7), w);
        Assert.Equal(0b0100u, w[0] >> 28);
        Assert.Equal(128u, (w[0] >> 4) & 0x3FFF);
        Assert.Equal(1u, w[0] & 1);
    }

    [Theory]
    [InlineData(Module.LD, 7)]
    [InlineData(Module.ST, 3)]
    [InlineData(Module.MM, 4)]
    [InlineData(Module.MV, 4)]
    [InlineData(Module.MISC, 3)]
    [InlineData(Module.SYS, 1)]
    public void Instruction_lengths_follow_the_ISA(Module m, int words) => Assert.Equal(words, InstructionEncoder.Words(m));
}
