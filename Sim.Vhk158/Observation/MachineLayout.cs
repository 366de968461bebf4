namespace Sim.Vhk158.Observation;

/// <summary>What a machine is made of, as it reports it: its model's name and its units, indexed as observers see them.</summary>
public sealed record MachineLayout(string Machine, IReadOnlyList<UnitInfo> Units)
{
    public int IndexOf(string unitName)
    {
        for (int i = 0; i < Units.Count; i++) if (Units[i].Name == unitName) return i;
        return -1;
    }
}
