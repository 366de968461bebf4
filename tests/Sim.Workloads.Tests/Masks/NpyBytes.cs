using System.Text;

namespace Sim.Workloads.Tests.Masks;

/// <summary>Builds .npy files by hand (independently of NpyWriter) for reader tests.</summary>
internal static class NpyBytes
{
    public static byte[] Build(string header, byte[] data, byte major = 1, byte minor = 0, Encoding? encoding = null)
    {
        var h = (encoding ?? Encoding.Latin1).GetBytes(header);
        int lengthBytes = major == 1 ? 2 : 4;
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add(major);
        bytes.Add(minor);
        for (int i = 0; i < lengthBytes; i++) bytes.Add((byte)(h.Length >> (8 * i)));
        bytes.AddRange(h);
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    public static string Header(string descr = "'|b1'", string fortran = "False", string shape = "(2, 3)") =>
        $"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}\n";
}
