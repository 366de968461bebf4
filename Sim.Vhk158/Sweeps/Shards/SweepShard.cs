using System.Globalization;
using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps.Shards;

/// <summary>
/// Slice <see cref="Index"/> of <see cref="Count"/> (0-based, as Slurm's array task ids): the
/// points whose number modulo Count is Index. Dealing points round-robin mixes cheap and dear
/// ones (the grid's first key varies slowest) so shards take about as long as each other.
/// </summary>
public readonly record struct SweepShard(int Index, int Count)
{
    public static readonly SweepShard Whole = new(0, 1);

    public bool Contains(int point) => point % Count == Index;

    public IEnumerable<int> Of(int points) => Enumerable.Range(0, points).Where(Contains);

    /// <summary>Parses "i/N" with 0 &lt;= i &lt; N.</summary>
    public static SweepShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && i < n)
            return new SweepShard(i, n);
        throw new InputException($"--shard '{text}' is not i/N with 0 <= i < N") { Hint = "e.g. --shard 0/4 ... --shard 3/4 (Slurm: --shard $SLURM_ARRAY_TASK_ID/4)" };
    }

    public override string ToString() => $"{Index}/{Count}";
}
