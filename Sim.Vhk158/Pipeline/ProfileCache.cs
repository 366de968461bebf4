using System.Security.Cryptography;
using System.Text;
using Sim.Core.Errors;
using Sim.Core.IO;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// Bucket profiles addressed by content: each entry is a profiler CSV filed under the
/// <see cref="ProfileKey"/> of the inputs that made it (<c>DIR/ab/abcd….csv</c>), with a
/// <c>.key</c> file beside it that holds the key, the SHA-256 of the CSV and what the inputs
/// were, for people. Any number of configs, models and machines live side by side in one folder.
/// A CSV is reused only while its key file vouches for its bytes, so an edited, truncated or
/// foreign CSV is simulated again. Both files are written atomically, the CSV first: a key never
/// vouches for a CSV it did not see.
/// </summary>
public sealed class ProfileCache
{
    private const string Banner = "# vhksim profile cache entry: the CSV beside this file is reused only while both hashes match";
    private int _hits, _misses;

    public ProfileCache(string dir) => Dir = dir;

    /// <summary>The cache's folder (<c>OUT/cache</c>).</summary>
    public string Dir { get; }

    /// <summary>Lookups answered from the folder.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Lookups that found no usable entry.</summary>
    public int Misses => Volatile.Read(ref _misses);

    public string CsvPath(string key) => Path.Combine(Dir, key[..2], key + ".csv");

    public static string KeyPath(string csvPath) => csvPath + ".key";

    /// <summary>The cached result for <paramref name="key"/>, or null when there is none that its key file vouches for.</summary>
    public ProfileResult? TryRead(string key)
    {
        var result = Read(CsvPath(key), key);
        Interlocked.Increment(ref result is null ? ref _misses : ref _hits);
        return result;
    }

    /// <summary>Files a result under its key: the CSV, then its key file (with <paramref name="inputs"/>, a description for people).</summary>
    public void Write(string key, ProfileResult result, string inputs)
    {
        var csvPath = CsvPath(key);
        var csv = Encoding.UTF8.GetBytes(ProfilerCsv.Format(result));
        AtomicFile.WriteAllBytes(csvPath, csv);
        AtomicFile.WriteAllText(KeyPath(csvPath), $"{Banner}\ninputs {key}\ncsv {Hash(csv)}\n{inputs.TrimEnd('\n')}\n");
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
