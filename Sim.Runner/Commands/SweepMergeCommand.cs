using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Vhk158.Sweeps;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim sweep merge DIR</c>: joins a sweep's shard results into its reports (sweep.csv,
/// pareto.csv, plots). Idempotent: merging again rewrites the same bytes, and the result equals
/// an unsharded run's.
/// </summary>
public static class SweepMergeCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The sweep's folder, OUT/sweeps/ID (it holds spec.yaml and shards/)." };
        var cmd = new Command("merge", "Merge a sweep's shard results (from --shard i/N or a Slurm job array) into sweep.csv, pareto.csv and the plots.\n\n" +
                                       "Example:\n  vhksim sweep merge .compiler_output/sweeps/clock-vs-bandwidth");
        cmd.Arguments.Add(dir);
        var format = FormatOption.Create("the merged results (csv and json: sweep.csv's cells and column names)");
        cmd.Options.Add(format);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var job = SweepJob.Open(r.GetValue(dir)!);
            var merged = job.Merge();
            if (!SweepReport.AnyRan(merged))
            {
                SweepCommand.ReportSkipped(merged);
                Console.Error.WriteLine("error: every point of the sweep was skipped; nothing written (earlier results are kept)");
                return ErrorBoundary.InputError;
            }
            SweepCommand.Print(merged, job, r.GetValue(format)!);
            var written = SweepReport.Write(job, merged, SweepCommand.ModelName(job));
            SweepCommand.PrintFront(merged, job, r.GetValue(format)!);
            Console.Error.WriteLine($"sweep {job.Id}: merged {job.Points.All.Count} points; wrote {string.Join(", ", written)}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
