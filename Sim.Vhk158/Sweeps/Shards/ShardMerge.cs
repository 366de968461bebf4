using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps.Shards;

/// <summary>
/// Joins a sweep's shard files into one table, rows in point order (a point's cases in the
/// spec's order). Only a complete set is merged: the smallest shard count N whose N shards are
/// all valid for this spec. The result depends only on the shards' contents, so merging again,
/// or merging shards of another N, gives the same bytes as an unsharded run.
/// </summary>
public static class ShardMerge
{
    public static SweepResults Merge(string sweepDir, string specHash, int points, IReadOnlyList<string> keys)
    {
        var counts = ShardFile.Counts(sweepDir);
        if (counts.Count == 0)
            throw new InputException($"no shard results in {Path.Combine(sweepDir, ShardFile.Folder)}")
            {
                Hint = "run the shards first: vhksim sweep --spec SPEC --shard i/N (or vhksim sweep submit --slurm)",
            };
        var missing = new List<string>();
        foreach (var n in counts)
        {
            var shards = Enumerable.Range(0, n).Select(i => new SweepShard(i, n)).ToList();
            var read = shards.Select(s => (Shard: s, Results: ShardFile.TryRead(sweepDir, s, specHash, points))).ToList();
            var absent = read.Where(r => r.Results is null).Select(r => r.Shard.ToString()).ToList();
            if (absent.Count > 0)
            {
                missing.Add($"of {n}: {string.Join(", ", absent.Take(10))}{(absent.Count > 10 ? $" and {absent.Count - 10} more" : "")}");
                continue;
            }
            return Join(read.Select(r => r.Results!).ToList(), keys, points, sweepDir);
        }
        throw new InputException($"no complete set of shards in {sweepDir}; missing or not valid for this spec: {string.Join("; ", missing)}")
        {
            Hint = "run the missing shards again (vhksim sweep submit --slurm skips the valid ones)",
        };
    }

    private static SweepResults Join(IReadOnlyList<SweepResults> shards, IReadOnlyList<string> keys, int points, string sweepDir)
    {
        var header = SweepColumns.Header(keys);
        foreach (var s in shards)
            if (!s.Header.SequenceEqual(header)) throw new InputException($"a shard's columns differ from the spec's ({string.Join(",", s.Header)})", sweepDir);
        var rows = shards.SelectMany(s => s.Rows)
            .Select(r => (Point: int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), Row: r))
            .OrderBy(r => r.Point) // stable: a point's cases keep their order
            .ToList();
        var seen = rows.Select(r => r.Point).Distinct().ToList();
        if (seen.Count != points || seen[0] != 0 || seen[^1] != points - 1)
            throw new InputException($"the shards hold {seen.Count} of the sweep's {points} points", sweepDir);
        return new SweepResults(header, rows.Select(r => r.Row).ToList());
    }
}
