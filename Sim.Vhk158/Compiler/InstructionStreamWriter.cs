using System.Buffers.Binary;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// Writes a compiled program as the hardware fetches it: one file of little-endian 32-bit words
/// per module queue (<c>ld.bin</c>, <c>st.bin</c>, …) in program order, and <c>counts.csv</c>
/// with instructions and words per type. Files appear only once all are complete.
/// </summary>
public static class InstructionStreamWriter
{
    public static long[] Write(IEnumerable<CompiledGroup> program, string dir)
    {
        Directory.CreateDirectory(dir);
        var names = Enum.GetValues<Module>().Select(m => Path.Combine(dir, m.ToString().ToLowerInvariant() + ".bin")).ToArray();
        var temps = names.Select(n => n + $".{Environment.ProcessId}.tmp").ToArray();
        var streams = temps.Select(t => new BufferedStream(new FileStream(t, FileMode.Create, FileAccess.Write), 1 << 16)).ToArray();
        var counts = new long[ModuleSet.Count];
        try
        {
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
            foreach (var s in streams) s.Dispose();
            for (int m = 0; m < names.Length; m++) File.Move(temps[m], names[m], overwrite: true);
            var csv = "inst_type,inst_cnt,words\n" + string.Concat(Enum.GetValues<Module>().Select(m =>
                $"{m},{counts[(int)m]},{counts[(int)m] * InstructionEncoder.Words(m)}\n"));
            Sim.Core.IO.AtomicFile.WriteAllText(Path.Combine(dir, "counts.csv"), csv);
            return counts;
        }
        finally
        {
            foreach (var s in streams) s.Dispose();
            foreach (var t in temps) if (File.Exists(t)) File.Delete(t);
        }
    }
}
