using System.CommandLine;
using System.Globalization;
using Sim.Core.Errors;
using Sim.Core.IO;
using Sim.Runner.Infrastructure;
using Sim.Runner.Slurm;
using Sim.Vhk158.Config;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Sweeps;
using Sim.Vhk158.Sweeps.Shards;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim sweep submit --slurm</c>: runs a sweep's shards as a Slurm job array and merges them
/// in a job that starts when every task succeeded. Shards are sized from the buckets' estimated
/// costs so each task runs 30 s or more; shards that already have valid results are left out,
/// so submitting again finishes an interrupted sweep.
/// </summary>
public static class SweepSubmitCommand
{
    public static Command Create()
    {
        var options = new SweepSpecOptions("Output folder (as for vhksim sweep): the sweep goes to OUT/sweeps/ID/, its scripts and logs to OUT/sweeps/ID/slurm/.");
        var slurm = new Option<bool>("--slurm") { Description = "Submit to Slurm with sbatch (the one scheduler supported).", Required = true };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition for the tasks and the merge (default: the cluster's)." };
        var arrayLimit = new Option<int?>("--array-limit") { Description = "Run at most K array tasks at once (--array=...%K)." };
        var perTask = new Option<int?>("--points-per-task") { Description = "Points per array task (default: sized from bucket costs so each task runs >= 30 s)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the scripts and print the sbatch commands without submitting." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the merge job has finished (as sbatch --wait, polling each second) and fail if it failed." };
        var time = new Option<int>("--time") { Description = "Time limit per job in minutes (default 60).", DefaultValueFactory = _ => 60 };
        var cmd = new Command("submit",
            "Run a sweep on Slurm: write an sbatch job array over its shards (OUT/sweeps/ID/slurm/array.sbatch) and a merge job " +
            "(merge.sbatch) that depends on it (--dependency=afterok), submit both with sbatch --parsable and print how to follow them. " +
            "The scripts call this vhksim with absolute paths. Shards with valid results are skipped.\n\nExamples:\n" +
            "  vhksim sweep submit --slurm --spec configs/sweeps/example.yaml --partition batch --array-limit 50\n" +
            "  vhksim sweep submit --slurm --set CLOCK_FREQ_MHZ=200,225,300 --points-per-task 1 --dry-run");
        options.AddTo(cmd);
        foreach (var o in new Option[] { slurm, partition, arrayLimit, perTask, dryRun, wait, time }) cmd.Options.Add(o);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            if (!r.GetValue(slurm)) throw new InputException("sweep submit needs --slurm (the only scheduler supported)");
            if (r.GetValue(arrayLimit) is < 1) throw new InputException("--array-limit must be at least 1");
            if (r.GetValue(time) < 1) throw new InputException("--time must be at least 1 minute");
            var spec = options.Read(r);
            var outDir = Path.GetFullPath(r.GetValue(options.Simulation.Out) ?? HardwareConfigLoader.Load(spec.Config).OutputDir);
            var job = SweepJob.Prepare(spec, outDir);
            var cache = new ProfileCache(Path.Combine(outDir, SimulationOptions.CacheFolder));
            var estimate = job.EstimateSeconds(job.Runner(cache, reuseCache: true), cache);
            int shards = ShardSizing.Shards(estimate, r.GetValue(perTask));
            var tasks = Enumerable.Range(0, shards).Where(i => !job.ShardIsValid(new SweepShard(i, shards))).ToList();
            int cpus = Math.Max(1, r.GetValue(options.Cases.Jobs));

            var settings = new SlurmScripts.Settings(VhksimExecutable.Command(), job.Id, Path.Combine(job.Dir, SweepJob.SpecFile), outDir, job.Dir,
                Path.GetFullPath(Directory.GetCurrentDirectory()), shards, tasks, r.GetValue(partition), r.GetValue(arrayLimit), cpus, r.GetValue(time));
            var slurmDir = Path.Combine(job.Dir, "slurm");
            Directory.CreateDirectory(SlurmScripts.LogDir(job.Dir));
            var arrayScript = Path.Combine(slurmDir, "array.sbatch");
            var mergeScript = Path.Combine(slurmDir, "merge.sbatch");
            AtomicFile.WriteAllText(arrayScript, SlurmScripts.Array(settings));
            AtomicFile.WriteAllText(mergeScript, SlurmScripts.Merge(settings));
            double total = estimate.Sum();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep {job.Id}: {job.Points.All.Count} points in {shards} shards (~{total / shards:F0} s each by the bucket estimate; " +
                $"{shards - tasks.Count} already done, {tasks.Count} to run); scripts in {slurmDir}"));

            if (r.GetValue(dryRun))
            {
                if (tasks.Count > 0) Console.Out.WriteLine($"sbatch --parsable {arrayScript}");
                Console.Out.WriteLine($"sbatch --parsable {(tasks.Count > 0 ? "--dependency=afterok:ARRAY_JOB_ID " : "")}{mergeScript}");
                return ErrorBoundary.Ok;
            }
            var state = SlurmScripts.MergeState(job.Dir);
            File.Delete(state);
            string? arrayId = tasks.Count > 0 ? Sbatch.Submit(arrayScript, []) : null;
            if (arrayId is not null) Console.Out.WriteLine($"submitted array job {arrayId} ({tasks.Count} tasks)");
            string[] dependency = arrayId is null ? [] : [$"--dependency=afterok:{arrayId}"];
            Console.Out.WriteLine("follow with: squeue --me" + (arrayId is null ? "" : $" -j {arrayId}") + $"; logs in {SlurmScripts.LogDir(job.Dir)}; results in {Path.Combine(job.Dir, "sweep.csv")}");
            var mergeId = Sbatch.Submit(mergeScript, dependency);
            Console.Out.WriteLine($"submitted merge job {mergeId}" + (arrayId is null ? "" : $" (after {arrayId} succeeds)"));
            if (!r.GetValue(wait)) return ErrorBoundary.Ok;
            return WaitForMerge(mergeId, state, job.Dir);
        }));
        return cmd;
    }

    /// <summary>
    /// Waits for the merge job as sbatch --wait would, polling every second: its exit status is the
    /// state file it leaves (no accounting needed); a job that leaves the queue without one was
    /// cancelled (a shard failed, so its dependency could never be met) or killed.
    /// </summary>
    private static int WaitForMerge(string mergeId, string state, string sweepDir)
    {
        while (true)
        {
            if (File.Exists(state)) break;
            if (!Sbatch.IsQueued(mergeId))
            {
                Thread.Sleep(1000); // the state file is written just before the job leaves the queue
                if (File.Exists(state)) break;
                Console.Error.WriteLine($"error: merge job {mergeId} ended without merging (a shard failed, or the job was cancelled)");
                Console.Error.WriteLine($"hint: see the logs in {SlurmScripts.LogDir(sweepDir)}; submitting again runs only the shards without valid results");
                return ErrorBoundary.InputError;
            }
            Thread.Sleep(1000);
        }
        var rc = File.ReadAllText(state).Trim();
        if (rc != "0")
        {
            Console.Error.WriteLine($"error: merge job {mergeId} failed (exit {rc}); see {Path.Combine(SlurmScripts.LogDir(sweepDir), "merge.out")}");
            return ErrorBoundary.InputError;
        }
        Console.Out.WriteLine($"merge job {mergeId} finished: {Path.Combine(sweepDir, "sweep.csv")}");
        return ErrorBoundary.Ok;
    }
}
