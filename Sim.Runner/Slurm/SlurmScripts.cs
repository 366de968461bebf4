using System.Globalization;
using System.Text;

namespace Sim.Runner.Slurm;

/// <summary>
/// The two batch scripts of a sweep on Slurm: a job array whose task k runs shard k of N, and a
/// merge job (submitted with <c>--dependency=afterok</c> on the array). Every path is absolute,
/// resolved when the scripts are written; nothing in them depends on where they run from.
/// </summary>
public static class SlurmScripts
{
    public sealed record Settings(
        IReadOnlyList<string> Vhksim,
        string SweepId,
        string SpecPath,
        string OutDir,
        string SweepDir,
        string WorkDir,
        int Shards,
        IReadOnlyList<int> Tasks,
        string? Partition,
        int? ArrayLimit,
        int CpusPerTask,
        int TimeMinutes);

    public static string LogDir(string sweepDir) => Path.Combine(sweepDir, "slurm", "logs");

    /// <summary>Where the merge job leaves its exit status (no accounting needed to learn how it ended).</summary>
    public static string MergeState(string sweepDir) => Path.Combine(sweepDir, "slurm", "merge.state");

    public static string Array(Settings s)
    {
        var b = Header(s, $"vhksim-sweep-{s.SweepId}", Path.Combine(LogDir(s.SweepDir), "shard-%a.out"));
        b.Append("#SBATCH --array=").Append(Ranges(s.Tasks));
        if (s.ArrayLimit is { } k) b.Append('%').Append(k.ToString(CultureInfo.InvariantCulture));
        b.Append('\n');
        b.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={s.CpusPerTask}\n");
        b.Append("set -eu\n");
        b.Append(CultureInfo.InvariantCulture, $"# Task k evaluates shard k of {s.Shards}; a shard with valid results is skipped.\n");
        b.Append("exec ").Append(Command(s.Vhksim)).Append(" sweep --spec ").Append(Q(s.SpecPath)).Append(" --out ").Append(Q(s.OutDir))
         .Append(CultureInfo.InvariantCulture, $" --shard \"${{SLURM_ARRAY_TASK_ID}}/{s.Shards}\" --jobs {s.CpusPerTask}\n");
        return b.ToString();
    }

    public static string Merge(Settings s)
    {
        var b = Header(s, $"vhksim-merge-{s.SweepId}", Path.Combine(LogDir(s.SweepDir), "merge.out"));
        b.Append("#SBATCH --cpus-per-task=1\n");
        // A failed shard leaves the dependency unsatisfiable: cancel rather than wait for ever.
        b.Append("#SBATCH --kill-on-invalid-dep=yes\n");
        b.Append("set -u\n");
        b.Append(Command(s.Vhksim)).Append(" sweep merge ").Append(Q(s.SweepDir)).Append('\n');
        b.Append("rc=$?\n");
        var state = MergeState(s.SweepDir);
        b.Append("printf '%s\\n' \"$rc\" > ").Append(Q(state + ".tmp")).Append(" && mv -f ").Append(Q(state + ".tmp")).Append(' ').Append(Q(state)).Append('\n');
        b.Append("exit \"$rc\"\n");
        return b.ToString();
    }

    private static StringBuilder Header(Settings s, string name, string output)
    {
        var b = new StringBuilder("#!/bin/bash\n# Written by vhksim sweep submit --slurm.\n");
        b.Append("#SBATCH --job-name=").Append(name).Append('\n');
        b.Append("#SBATCH --output=").Append(output).Append('\n');
        b.Append("#SBATCH --chdir=").Append(s.WorkDir).Append('\n');
        b.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={s.TimeMinutes}\n");
        if (s.Partition is not null) b.Append("#SBATCH --partition=").Append(s.Partition).Append('\n');
        return b;
    }

    /// <summary>"0-3,5,7-8": consecutive task ids as ranges.</summary>
    public static string Ranges(IReadOnlyList<int> ids)
    {
        var parts = new List<string>();
        for (int i = 0; i < ids.Count;)
        {
            int j = i;
            while (j + 1 < ids.Count && ids[j + 1] == ids[j] + 1) j++;
            parts.Add(i == j ? ids[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{ids[i]}-{ids[j]}"));
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    private static string Command(IReadOnlyList<string> argv) => string.Join(" ", argv.Select(Q));

    /// <summary>A bash single-quoted word.</summary>
    public static string Q(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
