using System.Diagnostics;
using Sim.Core.Errors;

namespace Sim.Runner.Slurm;

/// <summary>Submits a batch script with <c>sbatch --parsable</c> and returns the job id; asks squeue whether a job is still queued.</summary>
public static class Sbatch
{
    /// <summary>Whether squeue still lists the job (pending or running); finished jobs drop out of its list.</summary>
    public static bool IsQueued(string jobId)
    {
        var start = new ProcessStartInfo("squeue") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-h", "-j", jobId, "-o", "%i" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InputException("squeue did not start");
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Trim().Length > 0;
    }

    public static string Submit(string script, IReadOnlyList<string> extra, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--parsable");
        foreach (var a in extra) start.ArgumentList.Add(a);
        start.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InputException("sbatch did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InputException($"cannot run sbatch: {e.Message}") { Hint = "run on a Slurm login node, or use --dry-run to only write the scripts" };
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
            {
                process.Kill();
                throw new InputException($"sbatch {Path.GetFileName(script)} did not return within {timeout}");
            }
            var id = stdout.Result.Trim().Split('\n')[0].Split(';')[0].Trim();
            if (process.ExitCode != 0 && id.Length == 0)
                throw new InputException($"sbatch {script} failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            if (id.Length == 0 || !id.All(char.IsAsciiDigit))
                throw new InputException($"sbatch {script} gave no job id: {stdout.Result.Trim()} {stderr.Result.Trim()}");
            return process.ExitCode == 0 ? id : throw new InputException($"job {id} ({Path.GetFileName(script)}) ended with exit {process.ExitCode}: {stderr.Result.Trim()}");
        }
    }
}
