using System.CommandLine;
using System.Globalization;
using System.Text;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Validation;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim validate</c>: every calibration target against the model, with its error; exit 1 when one misses.</summary>
public static class ValidateCommand
{
    public const string DefaultConfig = "configs/u280.yaml";

    public static Command Create()
    {
        var simulation = new SimulationOptions();
        simulation.Workload.Config.DefaultValueFactory = _ => DefaultConfig;
        simulation.Workload.Config.Description = $"The board preset whose targets are checked (default {DefaultConfig}).";
        var all = new Option<bool>("--all") { Description = "Also the slow targets (power under load: a prefill bucket, about a minute)." };
        var cmd = new Command("validate",
            "Run every calibration target (the U280 HBM microbenchmarks, the on-board decode step at context 128, the " +
            "board's power) and print target, source, model value and error; exit 0 when all are within tolerance, 1 otherwise.\n\n" +
            "Examples:\n  vhksim validate\n  vhksim validate --all --no-cache");
        simulation.AddTo(cmd);
        cmd.Options.Add(all);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var pipeline = simulation.Build(r);
            var checks = U280Calibration.Run(pipeline.Config, b => pipeline.Profile(b).Result, r.GetValue(all));
            Console.Out.Write(Table(checks));
            int failed = checks.Count(c => !c.Pass);
            Console.Out.WriteLine($"{checks.Count - failed} of {checks.Count} targets within tolerance");
            return failed == 0 ? ErrorBoundary.Ok : ErrorBoundary.InputError;
        }));
        return cmd;
    }

    public static string Table(IReadOnlyList<CalibrationCheck> checks)
    {
        var sb = new StringBuilder();
        sb.Append($"{"target",-40} {"value",10} {"model",10} {"unit",-6} {"error",8} {"tol",7} {"ok",-4} source\n");
        foreach (var c in checks)
        {
            var t = c.Target;
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{t.Name,-40} {t.Value,10:G4} {c.Model,10:F3} {t.Unit,-6} {c.ErrorPercent,7:+0.0;-0.0}% {(t.AtMost ? "<=" : "±") + t.TolerancePercent.ToString("0", CultureInfo.InvariantCulture) + "%",7} {(c.Pass ? "ok" : "MISS"),-4} {t.Source}\n"));
        }
        return sb.ToString();
    }
}
