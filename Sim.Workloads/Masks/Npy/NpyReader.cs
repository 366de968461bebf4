using System.Buffers.Binary;
using System.Text;
using Sim.Core.Errors;
using Sim.Core.IO;

namespace Sim.Workloads.Masks.Npy;

/// <summary>
/// Reads <c>.npy</c> files of one-byte booleans (bool, or uint8 with nonzero = true) in C order,
/// NPY format versions 1.0, 2.0 and 3.0. Every malformed input becomes an
/// <see cref="InputException"/> naming the file and what was expected.
/// </summary>
/// <remarks>
/// NumSharp 0.70.0 was evaluated as a replacement: it reads and writes the artifact's masks byte
/// for byte, but accepts data longer than the shape and Fortran-ordered arrays, allocates a huge
/// shape before checking the file's length (OutOfMemory) and fails with assorted exception types
/// and misleading messages (bad magic: "pickled data"); checking all that around it would leave
/// this reader's work to do, so it is kept.
/// </remarks>
public static class NpyReader
{
    /// <summary>numpy.load's default <c>max_header_size</c>: longer headers are refused as unsafe.</summary>
    public const int MaxHeaderLength = 10_000;

    /// <summary>A cap on a mask file's size; the reference's masks are 32 KB each.</summary>
    public const long MaxFileBytes = 256L << 20;

    public static NpyArray Read(string path)
    {
        return Parse(InputFile.ReadAllBytes(path, MaxFileBytes, ".npy file"), path);
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
        if (headerLength > MaxHeaderLength)
            throw new InputException(
                $"unsafe .npy header: the header length field says {headerLength} bytes, more than the {MaxHeaderLength} " +
                "numpy itself reads (numpy.load's max_header_size)", source);
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
