using Sim.Core.IO;
using System.Buffers.Binary;
using System.Text;
using Sim.Core.Errors;

namespace Sim.Workloads.Masks.Npy;

/// <summary>
/// Writes boolean arrays as <c>.npy</c> files byte for byte as <c>numpy.save</c> does: format 1.0
/// (2.0 only for a header too long for 1.0), the dict keys sorted, the header padded with spaces
/// for in-place growth and to a 64-byte boundary, ending in a newline.
/// </summary>
public static class NpyWriter
{
    /// <summary>Writes atomically: a temporary file in the same folder, then a rename.</summary>
    public static void Write(string path, ReadOnlySpan<bool> data, IReadOnlyList<int> shape, NpyDtype dtype = NpyDtype.Bool)
    {
        var bytes = Encode(data, shape, dtype);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The complete file contents.</summary>
    public static byte[] Encode(ReadOnlySpan<bool> data, IReadOnlyList<int> shape, NpyDtype dtype = NpyDtype.Bool)
    {
        long count = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"data has {data.Length} elements but shape {NpyHeader.FormatShape(shape)} needs {count}");

        var header = EncodeHeader(HeaderText(shape, dtype));
        var bytes = new byte[header.Length + data.Length];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < data.Length; i++) bytes[header.Length + i] = data[i] ? (byte)1 : (byte)0;
        return bytes;
    }

    /// <summary>numpy's <c>_write_array_header</c>: the repr of the sorted dict plus growth room.</summary>
    internal static string HeaderText(IReadOnlyList<int> shape, NpyDtype dtype)
    {
        var descr = dtype switch
        {
            NpyDtype.Bool => "|b1",
            NpyDtype.UInt8 => "|u1",
            _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
        };
        var text = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {NpyHeader.FormatShape(shape)}, }}";
        if (shape.Count > 0) text += new string(' ', NpyFormat.GrowthAxisMaxDigits - shape[0].ToString().Length);
        return text;
    }

    /// <summary>numpy's <c>_wrap_header</c>: preamble, header, space padding to 64 bytes, newline.</summary>
    private static byte[] EncodeHeader(string text)
    {
        var header = Encoding.Latin1.GetBytes(text);
        var version = NpyVersion.V1;
        int prefix = NpyFormat.Magic.Length + 2 + version.HeaderLengthBytes;
        int padded = Padded(prefix, header.Length);
        if (padded > ushort.MaxValue)
        {
            version = NpyVersion.V2;
            prefix = NpyFormat.Magic.Length + 2 + version.HeaderLengthBytes;
            padded = Padded(prefix, header.Length);
        }

        var bytes = new byte[prefix + padded];
        NpyFormat.Magic.CopyTo(bytes);
        bytes[NpyFormat.Magic.Length] = version.Major;
        bytes[NpyFormat.Magic.Length + 1] = version.Minor;
        var lengthField = bytes.AsSpan(NpyFormat.Magic.Length + 2);
        if (version.HeaderLengthBytes == 2) BinaryPrimitives.WriteUInt16LittleEndian(lengthField, (ushort)padded);
        else BinaryPrimitives.WriteUInt32LittleEndian(lengthField, (uint)padded);
        header.CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + header.Length, padded - header.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Header length including padding and the final newline, so the data starts aligned.</summary>
    private static int Padded(int prefix, int headerLength)
    {
        int withNewline = headerLength + 1;
        int pad = NpyFormat.Alignment - (prefix + withNewline) % NpyFormat.Alignment;
        return withNewline + pad;
    }
}
