namespace Sim.Workloads.Masks.Npy;

/// <summary>A <c>.npy</c> array of one-byte elements read as booleans, flat in C order.</summary>
public sealed record NpyArray(NpyHeader Header, bool[] Data)
{
    public IReadOnlyList<int> Shape => Header.Shape;
    public int Rank => Header.Shape.Count;
}
