namespace Sim.Workloads.Masks.Npy;

/// <summary>An NPY format version (the two bytes after the magic string).</summary>
public readonly record struct NpyVersion(byte Major, byte Minor)
{
    public static readonly NpyVersion V1 = new(1, 0);
    public static readonly NpyVersion V2 = new(2, 0);
    public static readonly NpyVersion V3 = new(3, 0);

    /// <summary>Versions 2.0 and 3.0 store the header length in 4 bytes instead of 2.</summary>
    public int HeaderLengthBytes => Major == 1 ? 2 : 4;

    public override string ToString() => $"{Major}.{Minor}";
}
