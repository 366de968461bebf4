namespace Sim.Vhk158.Isa;

/// <summary>
/// The VHK158 ISA encoding (spec §3.2): 32-bit little-endian words, LD 7, ST 3, MM/MV 4, MISC 3,
/// SYS 1. The field range checks decide whether a configuration is accepted, so the compiler
/// runs them on every instruction. Address fields are not modelled (the IR's addresses are all
/// 0) and encode as 0; the HBM channel field holds the number of parallel channels minus one,
/// which is what limits a channel group to 8.
/// </summary>
public static class InstructionEncoder
{
    public const int LengthBits = 23, KBits = 14, ChannelBits = 3;

    public static int Words(Module m) => m switch
    {
        Module.LD => 7,
        Module.ST => 3,
        Module.MM or Module.MV => 4,
        Module.MISC => 3,
        _ => 1,
    };

    public static uint Opcode(Module m) => m switch
    {
        Module.LD => 0b0001,
        Module.ST => 0b0010,
        Module.MM => 0b0011,
        Module.MV => 0b0100,
        Module.MISC => 0b0101,
        _ => 0b1111,
    };

    /// <summary>Why an instruction's fields do not fit its encoding (naming the field and the value), or null when they do.</summary>
    public static string? RangeError(in Instruction i) => i.Module switch
    {
        Module.LD or Module.ST => Check(i.Length, LengthBits, "1d_length", i) ?? Check(i.Channels - 1, ChannelBits, "hbm_channel_id", i),
        Module.MM or Module.MV or Module.MISC => Check(i.K, KBits, "K", i),
        _ => null,
    };

    private static string? Check(long value, int bits, string field, in Instruction i) =>
        value < 0 || value >= 1L << bits
            ? $"{i.Module} field '{field}' ({bits} bits) cannot hold {value} (allowed 0..{(1L << bits) - 1}); instruction {i}"
            : null;

    /// <summary>The 5-bit wait/release mask: the other five modules in order, the j-th at bit 4-j.</summary>
    public static uint TokenMask(Module self, ModuleSet set)
    {
        uint bits = 0;
        int j = 0;
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            if (m == (int)self) continue;
            if (set.Contains((Module)m)) bits |= 1u << (4 - j);
            j++;
        }
        return bits;
    }

    /// <summary>Writes the instruction's words into <paramref name="words"/> (length <see cref="Words"/>).</summary>
    public static void Encode(in Instruction i, Span<uint> words)
    {
        words[..Words(i.Module)].Clear();
        words[0] = Opcode(i.Module) << 28 | TokenMask(i.Module, i.Wait) << 23 | TokenMask(i.Module, i.Release) << 18;
        switch (i.Module)
        {
            case Module.LD:
                words[0] |= (uint)i.Target << 15 | (uint)(i.Channels - 1) << 12;
                words[5] = 1u << 24 | 1u << 16 | 1u << 8; // 1d/2d/3d loops = 1
                words[6] = (i.ZeroFill ? 1u : 0u) << 25 | (uint)i.Length;
                break;
            case Module.ST:
                words[0] |= 1u << 1; // 1d_loop = 1
                words[2] = (uint)(i.Channels - 1) << 25 | (uint)i.Length << 2;
                break;
            case Module.MM:
            case Module.MV:
                words[0] |= (uint)i.K << 4 | (i.Sparse ? 1u : 0u);
                break;
            case Module.MISC:
                words[0] |= (uint)i.Op;
                words[2] = (uint)i.K << 18;
                break;
        }
    }
}
