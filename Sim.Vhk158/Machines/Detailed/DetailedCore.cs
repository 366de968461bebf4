using Sim.Core.Resources;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Machines.Reference;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// One core: six module queues joined by its own token FIFOs, one matrix engine (MPE) shared by
/// MM and MV, and one special-function unit (SFU) for MISC.
/// </summary>
internal sealed class DetailedCore
{
    public DetailedCore(DetailedMachine machine, int index, int mpeUnit, int sfuUnit)
    {
        Machine = machine;
        Index = index;
        MpeUnit = mpeUnit;
        SfuUnit = sfuUnit;
        Tokens = new TokenNetwork(machine.Simulation);
        Mpe = new Resource(machine.Simulation, 1, $"core{index}.MPE");
        Sfu = new Resource(machine.Simulation, 1, $"core{index}.SFU");
    }

    public DetailedMachine Machine { get; }
    public int Index { get; }
    public TokenNetwork Tokens { get; }
    public Resource Mpe { get; }
    public Resource Sfu { get; }

    /// <summary>Observer units of the engines.</summary>
    public int MpeUnit { get; }
    public int SfuUnit { get; }

    /// <summary>Its SFU's lookup tables, when they are read from DDR; else null.</summary>
    public LookupTables? Tables { get; set; }

    /// <summary>The mode the MPE was last configured for (MM or MV), null before its first instruction.</summary>
    public Module? MpeMode { get; set; }
}
