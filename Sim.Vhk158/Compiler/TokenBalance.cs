using Sim.Core.Errors;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// The reference's static token check (spec §4.3): for every ordered module pair, releases must
/// equal waits, except pairs involving LD (never checked) and MM→ST (±1 tolerated).
/// </summary>
public sealed class TokenBalance
{
    private readonly long[,] _released = new long[ModuleSet.Count, ModuleSet.Count];
    private readonly long[,] _awaited = new long[ModuleSet.Count, ModuleSet.Count];

    /// <summary>Adds one group's counts (<see cref="InstructionList.Tokens"/>).</summary>
    public void Add(TokenCounts counts)
    {
        for (int i = 0; i < ModuleSet.Count; i++)
        for (int j = 0; j < ModuleSet.Count; j++)
        {
            _released[i, j] += counts.Released(i, j);
            _awaited[i, j] += counts.Awaited(i, j);
        }
    }

    public void Check(string source)
    {
        for (int i = 0; i < ModuleSet.Count; i++)
        for (int j = 0; j < ModuleSet.Count; j++)
        {
            if (i == (int)Module.LD || j == (int)Module.LD) continue;
            long diff = _released[i, j] - _awaited[i, j];
            if (diff == 0 || (i == (int)Module.MM && j == (int)Module.ST && Math.Abs(diff) == 1)) continue;
            throw new InputException(
                $"token imbalance {(Module)i}→{(Module)j}: {_released[i, j]} released, {_awaited[i, j]} awaited", source);
        }
    }
}
