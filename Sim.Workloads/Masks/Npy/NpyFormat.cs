namespace Sim.Workloads.Masks.Npy;

/// <summary>Constants of the NPY format (numpy's <c>numpy/lib/format.py</c>).</summary>
internal static class NpyFormat
{
    /// <summary>The magic string that starts every file: byte 0x93 then "NUMPY".</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>numpy aligns the data start to this many bytes.</summary>
    public const int Alignment = 64;

    /// <summary>numpy pads the header so the growing axis can take this many digits in place.</summary>
    public const int GrowthAxisMaxDigits = 21;
}
