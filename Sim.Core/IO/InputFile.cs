using System.Text;
using Sim.Core.Errors;

namespace Sim.Core.IO;

/// <summary>
/// Reads a user's input file whole, but only a regular file no larger than a cap: a folder, a
/// device (<c>/dev/zero</c>) or a file beyond the cap is one <see cref="InputException"/> naming
/// the file, before memory is spent on it.
/// </summary>
public static class InputFile
{
    /// <summary>Cap for hand-written YAML (configs, model descriptions, case lists).</summary>
    public const long SmallText = 1 << 20;

    /// <param name="what">what the file is, for messages ("config", "IR file")</param>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(Reason(path, e, what), path, inner: e);
        }
        using (stream)
        {
            try
            {
                // fstat's size: 0 for devices and pipes, which then show themselves by having more.
                long declared = stream.Length;
                if (declared > maxBytes) throw TooLarge(path, declared, maxBytes, what);
                var bytes = new byte[declared];
                stream.ReadExactly(bytes);
                Span<byte> probe = stackalloc byte[1];
                if (stream.Read(probe) != 0)
                    throw new InputException($"not a regular file (a device or a pipe?); expected a {what}", path);
                return bytes;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new InputException(e is EndOfStreamException
                    ? $"the {what} changed while it was read" : $"cannot read the {what}: {e.Message}", path, inner: e);
            }
        }
    }

    /// <summary>Like <see cref="ReadAllBytes"/>, decoded as UTF-8 (a byte-order mark is skipped).</summary>
    public static string ReadAllText(string path, long maxBytes, string what)
    {
        var bytes = ReadAllBytes(path, maxBytes, what);
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(span);
    }

    private static InputException TooLarge(string path, long size, long max, string what) =>
        new($"the {what} is {size:N0} bytes, larger than the limit of {max:N0} bytes for a {what}", path);

    private static string Reason(string path, Exception e, string what) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"{what} not found",
        UnauthorizedAccessException when Directory.Exists(path) => $"is a folder; expected a {what}",
        _ => $"cannot read the {what}: {e.Message}",
    };
}
