using System.Diagnostics;
using System.Security.Cryptography;

namespace Sim.Core.IO;

/// <summary>
/// Names of the temporary files and folders that writes go through: <c>.{target}.{pid}.{random}.tmp</c>
/// beside the target. The random part (128 bits) makes the name unpredictable, so nobody can plant a
/// link there in advance; the pid lets <see cref="CleanStale"/> recognise leftovers of a dead writer.
/// </summary>
public static class TempName
{
    private const string Suffix = ".tmp";

    /// <summary>A fresh name for a temporary beside <paramref name="target"/> (a full path).</summary>
    public static string For(string target)
    {
        var dir = Path.GetDirectoryName(target)!;
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return Path.Combine(dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{random}{Suffix}");
    }

    /// <summary>
    /// Deletes the temporaries in <paramref name="dir"/> whose writer is no longer running (killed
    /// half-way); those of live processes, and anything not named like a temporary, are left alone.
    /// </summary>
    public static void CleanStale(string dir)
    {
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(dir, "." + "*" + Suffix).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var path in entries)
        {
            if (OwnerPid(Path.GetFileName(path)) is not { } pid || IsRunning(pid)) continue;
            try
            {
                if (Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* another cleaner, or not ours to delete */ }
        }
    }

    /// <summary>The writer's pid of a name made by <see cref="For"/>, or null for any other name.</summary>
    internal static int? OwnerPid(string name)
    {
        if (!name.StartsWith('.') || !name.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        var parts = name[..^Suffix.Length].Split('.');
        if (parts.Length < 4) return null;
        var random = parts[^1];
        if (random.Length != 32 || !random.All(Uri.IsHexDigit)) return null;
        return int.TryParse(parts[^2], out var pid) && pid > 0 ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
