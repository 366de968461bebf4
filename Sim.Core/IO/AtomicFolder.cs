using Sim.Core.Errors;

namespace Sim.Core.IO;

/// <summary>
/// Writes a set of files that belong together (a compiled program's streams) so that the folder
/// holds the whole old set or the whole new one, never a mix: the files go into a fresh
/// temporary folder beside it (<see cref="TempName"/>), which then takes the folder's place.
/// </summary>
public static class AtomicFolder
{
    /// <param name="dir">the folder the set appears in</param>
    /// <param name="names">the file names of the set; a folder holding anything else is not replaced</param>
    /// <param name="write">writes the set into the folder it is given</param>
    public static void Write(string dir, IReadOnlyCollection<string> names, Action<string> write)
    {
        var full = Path.GetFullPath(dir);
        var parent = Path.GetDirectoryName(full)!;
        try { Directory.CreateDirectory(parent); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot create the folder: {e.Message}", parent, inner: e);
        }
        TempName.CleanStale(parent);
        if (File.Exists(full)) throw new InputException("is a file; expected an output folder", dir);
        if (Directory.Exists(full))
        {
            // Replacing the folder would take the user's other files with it.
            var foreign = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Where(n => !names.Contains(n)).Order().ToList();
            if (foreign.Count > 0)
                throw new InputException(
                    $"the output folder holds other files ({string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", ..." : "")}); " +
                    $"it is replaced as a whole, so give it a folder of its own", dir);
        }

        var temp = TempName.For(full);
        string? old = null;
        try
        {
            if (Directory.Exists(temp)) throw new IOException($"the temporary folder {temp} exists already");
            Directory.CreateDirectory(temp);
            write(temp);
            if (Directory.Exists(full))
            {
                old = TempName.For(full);
                Directory.Move(full, old);
            }
            Directory.Move(temp, full);
        }
        catch (Exception e)
        {
            try { if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (old is not null && !Directory.Exists(full) && Directory.Exists(old))
                try { Directory.Move(old, full); old = null; } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (e is IOException or UnauthorizedAccessException)
                throw new InputException($"cannot write the output folder: {e.Message}", dir, inner: e);
            throw;
        }
        if (old is not null)
            try { Directory.Delete(old, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
