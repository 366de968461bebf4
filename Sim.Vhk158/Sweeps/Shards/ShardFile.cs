using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sim.Core.Errors;
using Sim.Core.IO;

namespace Sim.Vhk158.Sweeps.Shards;

/// <summary>
/// One shard's results in a sweep folder: <c>shards/shard-0003-of-0008.csv</c> and a
/// <c>.key</c> file beside it naming the spec's hash, the shard, the point count and the CSV's
/// SHA-256. Written CSV first, key second (both atomically), so a key only ever vouches for a
/// whole CSV; a shard is valid while its key matches the sweep and its CSV's bytes.
/// </summary>
public static class ShardFile
{
    public const string Folder = "shards";
    private const string Banner = "# vhksim sweep shard: the CSV beside this file is valid only while these lines match";

    public static string CsvPath(string sweepDir, SweepShard shard) =>
        Path.Combine(sweepDir, Folder, string.Create(CultureInfo.InvariantCulture, $"shard-{shard.Index:D4}-of-{shard.Count:D4}.csv"));

    public static string KeyPath(string sweepDir, SweepShard shard) => CsvPath(sweepDir, shard) + ".key";

    public static void Write(string sweepDir, SweepShard shard, string specHash, int points, SweepResults results)
    {
        var csv = Encoding.UTF8.GetBytes(results.ToCsv());
        AtomicFile.WriteAllBytes(CsvPath(sweepDir, shard), csv);
        AtomicFile.WriteAllText(KeyPath(sweepDir, shard), Key(specHash, shard, points, csv));
    }

    /// <summary>The shard's results when its files are whole and belong to this sweep; else null.</summary>
    public static SweepResults? TryRead(string sweepDir, SweepShard shard, string specHash, int points)
    {
        try
        {
            var csvPath = CsvPath(sweepDir, shard);
            var keyPath = KeyPath(sweepDir, shard);
            if (!File.Exists(csvPath) || !File.Exists(keyPath)) return null;
            var csv = File.ReadAllBytes(csvPath);
            if (File.ReadAllText(keyPath) != Key(specHash, shard, points, csv)) return null;
            return SweepResults.Parse(Encoding.UTF8.GetString(csv), csvPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InputException)
        {
            return null; // unreadable or malformed: not valid, so it is run again
        }
    }

    public static bool IsValid(string sweepDir, SweepShard shard, string specHash, int points) =>
        TryRead(sweepDir, shard, specHash, points) is not null;

    /// <summary>The shard counts N for which some shard file exists, ascending.</summary>
    public static IReadOnlyList<int> Counts(string sweepDir)
    {
        var dir = Path.Combine(sweepDir, Folder);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, "shard-*-of-*.csv")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split("-of-"))
            .Select(p => p.Length == 2 && int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0).Distinct().Order().ToList();
    }

    private static string Key(string specHash, SweepShard shard, int points, byte[] csv) =>
        $"{Banner}\nspec {specHash}\nshard {shard}\npoints {points}\ncsv {Convert.ToHexStringLower(SHA256.HashData(csv))}\n";
}
