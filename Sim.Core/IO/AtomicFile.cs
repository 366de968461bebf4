using System.Text;
using Sim.Core.Errors;

namespace Sim.Core.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new one, never a
/// half-written file: write a fresh temporary beside it (<see cref="TempName"/>, created
/// exclusively, so a planted link is never followed), then rename it over the target (which
/// replaces a link at the target rather than writing through it).
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var bytesCopy = bytes.ToArray();
        Write(path, s => s.Write(bytesCopy));
    }

    /// <summary>
    /// Writes through <paramref name="write"/> into a temp file, then renames it to
    /// <paramref name="path"/>. A file-system failure is the user's to fix (a folder without
    /// write permission, a full disk), so it becomes an <see cref="InputException"/> naming the file.
    /// Temporaries that killed writers left in the folder are deleted first.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot create the folder: {e.Message}", dir, inner: e);
        }
        TempName.CleanStale(dir);
        var temp = TempName.For(full);
        try
        {
            // CreateNew is O_CREAT|O_EXCL: it fails on any existing name, a dangling link included.
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (e is IOException or UnauthorizedAccessException)
                throw new InputException($"cannot write the file: {e.Message}", path, inner: e);
            throw;
        }
    }
}
