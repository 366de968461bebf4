using System.Security.Cryptography;
using System.Text;
using Sim.Core.Errors;
using Sim.Core.IO;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// The profiler CSVs of a folder (<c>OUT/profiler_output</c>) as a cache that cannot go stale:
/// beside each CSV, a <c>.key</c> file holds the <see cref="ProfileKey"/> of the inputs that made
/// it and the SHA-256 of the CSV itself. A CSV is reused only while both match, so an edited
/// config, IR, mask or simulator, and an edited, truncated or foreign CSV, are simulated again.
/// Both files are written atomically, the CSV first: a key never vouches for a CSV it did not see.
/// </summary>
public sealed class ProfileCache
{
    private const string Banner = "# vhksim profile cache key: the CSV beside this file is reused only while both hashes match";
    private int _hits, _misses;

    public ProfileCache(string dir) => Dir = dir;

    /// <summary>The folder of the CSVs.</summary>
    public string Dir { get; }

    /// <summary>Lookups answered from the folder.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Lookups that found no usable CSV.</summary>
    public int Misses => Volatile.Read(ref _misses);

    public string CsvPath(string prefix, Bucket b) => Path.Combine(Dir, ProfilerCsv.FileName(prefix, b.Stage, b.Tokens));

    public static string KeyPath(string csvPath) => csvPath + ".key";

    /// <summary>The cached result of a bucket, or null when there is none that <paramref name="key"/> vouches for.</summary>
    public ProfileResult? TryRead(string prefix, Bucket bucket, string key)
    {
        var result = Read(CsvPath(prefix, bucket), key);
        Interlocked.Increment(ref result is null ? ref _misses : ref _hits);
        return result;
    }

    /// <summary>Writes a bucket's CSV, then its key.</summary>
    public void Write(string prefix, Bucket bucket, string key, ProfileResult result)
    {
        var csvPath = CsvPath(prefix, bucket);
        var csv = Encoding.UTF8.GetBytes(ProfilerCsv.Format(result));
        AtomicFile.WriteAllBytes(csvPath, csv);
        AtomicFile.WriteAllText(KeyPath(csvPath), $"{Banner}\ninputs {key}\ncsv {Hash(csv)}\n");
    }

    private static ProfileResult? Read(string csvPath, string key)
    {
        try
        {
            var keyPath = KeyPath(csvPath);
            if (!File.Exists(keyPath) || !File.Exists(csvPath)) return null;
            var stored = File.ReadAllLines(keyPath);
            string? Field(string name) => stored.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))?[(name.Length + 1)..];
            if (Field("inputs") != key) return null;
            var csv = File.ReadAllBytes(csvPath);
            if (Field("csv") != Hash(csv)) return null;
            return ProfilerCsvParser.Parse(Encoding.UTF8.GetString(csv), csvPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InputException)
        {
            // An unreadable or malformed entry is not trusted: simulate again and overwrite it.
            return null;
        }
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
