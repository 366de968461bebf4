using System.CommandLine;
using System.Globalization;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
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
        var format = FormatOption.Create("the targets (the count within tolerance follows a table; with csv or json it goes to stderr)");
        var all = new Option<bool>("--all") { Description = "Also the slow targets (power under load: a prefill bucket, about a minute)." };
        var cmd = new Command("validate",
            "Run every calibration target (the U280 HBM microbenchmarks, the on-board decode step at context 128, the " +
            "board's power) and print target, source, model value and error; exit 0 when all are within tolerance, 1 otherwise.\n\n" +
            "Examples:\n  vhksim validate\n  vhksim validate --all --no-cache\n  vhksim validate --format json");
        simulation.AddTo(cmd);
        cmd.Options.Add(all);
        cmd.Options.Add(format);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var pipeline = simulation.Build(r);
            // A bucket of --all runs about a minute: show progress inside it.
            var checks = U280Calibration.Run(pipeline.Config, b => ProgressReporter.Run($"simulating {b}", 1, progress =>
            {
                var done = pipeline.Profile(b, progress.Inside(b.ToString()));
                progress.Done(b.ToString(), done.Cached);
                return done.Result;
            }), r.GetValue(all));
            var f = r.GetValue(format)!;
            Results(checks).Print(f);
            int failed = checks.Count(c => !c.Pass);
            (f is ResultTable.Csv or ResultTable.Json ? Console.Error : Console.Out).WriteLine($"{checks.Count - failed} of {checks.Count} targets within tolerance");
            return failed == 0 ? ErrorBoundary.Ok : ErrorBoundary.InputError;
        }));
        return cmd;
    }

    /// <summary>A row per target: its value, the model's, the error, the tolerance ("<=" for an upper bound), ok or MISS, and the source.</summary>
    public static ResultTable Results(IReadOnlyList<CalibrationCheck> checks)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = checks.Select(x =>
        {
            var t = x.Target;
            return (IReadOnlyList<string>)
            [
                t.Name, t.Value.ToString("G4", c), x.Model.ToString("F3", c), t.Unit, x.ErrorPercent.ToString("+0.0;-0.0;0.0", c),
                (t.AtMost ? "<=" : "±") + t.TolerancePercent.ToString("0", c) + "%", x.Pass ? "ok" : "MISS", t.Source,
            ];
        }).ToList();
        return new ResultTable(["target", "value", "model", "unit", "error (%)", "tolerance", "ok", "source"], rows)
        {
            Keys = ["target", "value", "model", "unit", "error_pct", "tolerance", "ok", "source"],
        };
    }
}
