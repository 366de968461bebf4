using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// The tokens one group's instructions release and await, per ordered module pair: what
/// <see cref="TokenBalance"/> sums over a program. Counted once per list, on the thread that
/// compiles it, so that the machine adds 36 numbers per group instead of visiting every
/// instruction again (and a shared group is counted once for every bucket that runs it).
/// </summary>
public sealed class TokenCounts
{
    private readonly long[] _released = new long[ModuleSet.Count * ModuleSet.Count];
    private readonly long[] _awaited = new long[ModuleSet.Count * ModuleSet.Count];

    public static TokenCounts Of(InstructionList list)
    {
        var c = new TokenCounts();
        for (int m = 0; m < ModuleSet.Count; m++)
            foreach (ref readonly var i in list.Queue((Module)m))
            {
                for (int bits = i.Release.Bits, j = 0; bits != 0; bits >>= 1, j++)
                    if ((bits & 1) != 0) c._released[m * ModuleSet.Count + j]++;
                for (int bits = i.Wait.Bits, j = 0; bits != 0; bits >>= 1, j++)
                    if ((bits & 1) != 0) c._awaited[j * ModuleSet.Count + m]++;
            }
        return c;
    }

    /// <summary>Tokens <paramref name="from"/> releases to <paramref name="to"/>.</summary>
    public long Released(int from, int to) => _released[from * ModuleSet.Count + to];

    /// <summary>Tokens <paramref name="to"/> awaits from <paramref name="from"/>.</summary>
    public long Awaited(int from, int to) => _awaited[from * ModuleSet.Count + to];
}
