using System.Buffers.Binary;
using Sim.Core.IO;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// Writes a compiled program as the hardware fetches it: one file of little-endian 32-bit words
/// per module queue (<c>ld.bin</c>, <c>st.bin</c>, …) in program order, and <c>counts.csv</c>
/// with instructions and words per type. The files are written into a fresh temporary folder that
/// then replaces <c>dir</c> (<see cref="AtomicFolder"/>), so the set appears whole or not at all.
/// </summary>
public static class InstructionStreamWriter
{
    private const string CountsFile = "counts.csv";

    /// <summary>The names of the files written, in module order, then counts.csv.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [.. Enum.GetValues<Module>().Select(m => m.ToString().ToLowerInvariant() + ".bin"), CountsFile];

    public static long[] Write(IEnumerable<CompiledGroup> program, string dir)
    {
        var counts = new long[ModuleSet.Count];
        AtomicFolder.Write(dir, [.. FileNames], temp => WriteSet(program, temp, counts));
        return counts;
    }

    private static void WriteSet(IEnumerable<CompiledGroup> program, string dir, long[] counts)
    {
        var modules = Enum.GetValues<Module>();
        var streams = new Stream[modules.Length];
        try
        {
            for (int m = 0; m < modules.Length; m++)
                streams[m] = new BufferedStream(new FileStream(Path.Combine(dir, FileNames[m]), FileMode.CreateNew, FileAccess.Write), 1 << 16);
            Span<uint> words = stackalloc uint[8];
            Span<byte> bytes = stackalloc byte[32];
            foreach (var group in program)
            {
                for (int m = 0; m < ModuleSet.Count; m++)
                foreach (ref readonly var ins in group.Instructions.Queue((Module)m))
                {
                    int n = InstructionEncoder.Words(ins.Module);
                    InstructionEncoder.Encode(ins, words);
                    for (int w = 0; w < n; w++) BinaryPrimitives.WriteUInt32LittleEndian(bytes[(4 * w)..], words[w]);
                    streams[(int)ins.Module].Write(bytes[..(4 * n)]);
                    counts[(int)ins.Module]++;
                }
                group.Instructions.Recycle();
            }
        }
        finally
        {
            foreach (var s in streams) s?.Dispose();
        }
        var csv = "inst_type,inst_cnt,words\n" + string.Concat(modules.Select(m =>
            $"{m},{counts[(int)m]},{counts[(int)m] * InstructionEncoder.Words(m)}\n"));
        File.WriteAllText(Path.Combine(dir, CountsFile), csv);
    }
}
