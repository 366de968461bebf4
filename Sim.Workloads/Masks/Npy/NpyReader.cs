using System.Buffers.Binary;
using System.Text;
using Sim.Core.Errors;

namespace Sim.Workloads.Masks.Npy;

/// <summary>
/// Reads <c>.npy</c> files of one-byte booleans (bool, or uint8 with nonzero = true) in C order,
/// NPY format versions 1.0, 2.0 and 3.0. Every malformed input becomes an
/// <see cref="InputException"/> naming the file and what was expected.
/// </summary>
public static class NpyReader
{
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputException($"cannot read .npy file: {e.Message}", path, inner: e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses a whole file's bytes; <paramref name="source"/> names it in errors.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string source)
    {
        var magic = NpyFormat.Magic;
        if (bytes.Length < magic.Length || !bytes[..magic.Length].SequenceEqual(magic))
            throw new InputException(
                $"not a .npy file: bad magic (expected \\x93NUMPY, found {Hex(bytes[..Math.Min(bytes.Length, magic.Length)])})",
                source);
        if (bytes.Length < magic.Length + 2)
            throw new InputException("truncated .npy header: the file ends inside the format version", source);

        var version = new NpyVersion(bytes[magic.Length], bytes[magic.Length + 1]);
        if (version != NpyVersion.V1 && version != NpyVersion.V2 && version != NpyVersion.V3)
            throw new InputException($"unsupported .npy format version {version} (supported: 1.0, 2.0, 3.0)", source);

        int lengthAt = magic.Length + 2;
        int prefix = lengthAt + version.HeaderLengthBytes;
        if (bytes.Length < prefix)
            throw new InputException("truncated .npy header: the file ends inside the header length", source);
        long headerLength = version.HeaderLengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[lengthAt..])
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes[lengthAt..]);
        if (bytes.Length - prefix < headerLength)
            throw new InputException(
                $"truncated .npy header: the header length field says {headerLength} bytes " +
                $"but only {bytes.Length - prefix} follow", source);

        var headerBytes = bytes.Slice(prefix, (int)headerLength);
        var header = NpyHeaderParser.Parse(DecodeHeader(headerBytes, version, source), version, source);

        long count = header.ElementCount;
        var data = bytes[(prefix + (int)headerLength)..];
        if (data.Length < count)
            throw new InputException(
                $"truncated .npy data: shape {header.ShapeText} of '{header.Descr}' needs {count} bytes " +
                $"but the file has {data.Length} after the header", source);
        if (data.Length > count)
            throw new InputException(
                $".npy data is longer than its shape: shape {header.ShapeText} of '{header.Descr}' needs {count} bytes " +
                $"but the file has {data.Length} after the header", source);

        var values = new bool[count];
        for (int i = 0; i < values.Length; i++) values[i] = data[i] != 0;
        return new NpyArray(header, values);
    }

    /// <summary>Versions 1.0 and 2.0 store the header in latin-1, 3.0 in utf-8.</summary>
    private static string DecodeHeader(ReadOnlySpan<byte> header, NpyVersion version, string source)
    {
        if (version != NpyVersion.V3) return Encoding.Latin1.GetString(header);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException("unparsable .npy header: a version 3.0 header must be valid utf-8", source, inner: e);
        }
    }

    private static string Hex(ReadOnlySpan<byte> b) =>
        b.IsEmpty ? "an empty file" : string.Concat(b.ToArray().Select(x => $"\\x{x:x2}"));
}
