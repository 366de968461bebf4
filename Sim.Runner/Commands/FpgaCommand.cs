using System.CommandLine;
using System.Globalization;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Vhk158.Energy;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim fpga</c>: end-to-end FPGA latency (and energy, where the config has a model) of request cases.</summary>
public static class FpgaCommand
{
    public static Command Create()
    {
        var simulation = new SimulationOptions();
        var caseOptions = new CaseOptions();
        var format = FormatOption.Create("the cases (json: an array, one object per case)");
        var cmd = new Command("fpga",
            "Simulate every IR bucket the cases need (prefill padded to 128, each decode step to its 16-aligned " +
            "context) and print prefill, decode, total and decode tokens/s per case; with an ENERGY section in the " +
            "config also decode power, J/token and tokens/J.\n\nExamples:\n" +
            "  vhksim fpga --ir-dir ../shared/flightllm-reference/ir_output\n" +
            "  vhksim fpga --case 128:512 --case 1024:1024 --config configs/vhk158.yaml\n" +
            "  vhksim fpga --config configs/u280.yaml --case 128:1 --format json\n" +
            "  vhksim fpga --case 512:512 --format csv > fpga.csv\n" +
            "  vhksim fpga --cases configs/cases.yaml --no-cache");
        simulation.AddTo(cmd);
        caseOptions.AddTo(cmd);
        cmd.Options.Add(format);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var (cases, buckets, pipeline) = caseOptions.RunBuckets(r, simulation);
            var energy = EnergyModels.Create(pipeline.Config);
            var rows = cases.Select(c => new FpgaRow(pipeline.Aggregate(c, buckets),
                energy is null ? null : CaseEnergy.Of(c, pipeline.Policy, buckets, energy))).ToList();
            Console.Out.Write(Write(rows, r.GetValue(format)!, !Console.IsOutputRedirected));
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    /// <summary>One case: its latency, and its energy where the config has a model.</summary>
    public sealed record FpgaRow(CaseResult Latency, CaseEnergy? Energy);

    /// <summary>The rows in <paramref name="format"/>: rounded for people (table, Markdown), exact for machines (CSV, JSON).</summary>
    public static string Write(IReadOnlyList<FpgaRow> rows, string format, bool terminal = false) =>
        format is ResultTable.Csv or ResultTable.Json ? Exact(rows).Write(format) : Rounded(rows).Write(format, terminal);

    public static string Table(IReadOnlyList<FpgaRow> rows) => Rounded(rows).Write(ResultTable.Table);

    /// <summary>A JSON array, one object per case; energy fields only where the machine has an energy model.</summary>
    public static string Json(IReadOnlyList<FpgaRow> rows) => Exact(rows).Write(ResultTable.Json);

    private static ResultTable Rounded(IReadOnlyList<FpgaRow> rows)
    {
        bool energy = rows.Any(x => x.Energy is not null);
        List<string> columns = ["Case (P:D)", "Prefill (ms)", "Decode (ms)", "Total (ms)", "Decode tokens/s"];
        if (energy) columns.AddRange(["W (decode)", "J/token", "token/J"]);
        var c = CultureInfo.InvariantCulture;
        var cells = rows.Select(x =>
        {
            var (r, e) = x;
            List<string> row = [$"{r.Prefill}:{r.Decode}", r.PrefillMs.ToString("F1", c), r.DecodeMs.ToString("F1", c), r.TotalMs.ToString("F1", c), r.TokensPerSecond.ToString("F1", c)];
            if (energy) row.AddRange(e is null ? ["", "", ""] : [e.DecodeWatts.ToString("F1", c), e.JoulesPerToken.ToString("F3", c), e.TokensPerJoule.ToString("F3", c)]);
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new ResultTable(columns, cells);
    }

    private static ResultTable Exact(IReadOnlyList<FpgaRow> rows)
    {
        bool energy = rows.Any(x => x.Energy is not null);
        List<string> keys = ["prefill", "decode", "prefill_ms", "decode_ms", "total_ms", "decode_tokens_per_s"];
        if (energy) keys.AddRange(["joules_per_token", "tokens_per_joule", "decode_watts", "prefill_joules"]);
        var c = CultureInfo.InvariantCulture;
        var cells = rows.Select(x =>
        {
            var (r, e) = x;
            List<string> row = [r.Prefill.ToString(c), r.Decode.ToString(c), r.PrefillMs.ToString("R", c), r.DecodeMs.ToString("R", c), r.TotalMs.ToString("R", c), r.TokensPerSecond.ToString("R", c)];
            if (energy) row.AddRange(e is null ? ["", "", "", ""] : [e.JoulesPerToken.ToString("R", c), e.TokensPerJoule.ToString("R", c), e.DecodeWatts.ToString("R", c), e.Prefill.TotalJ.ToString("R", c)]);
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new ResultTable(keys, cells) { Keys = keys };
    }
}
