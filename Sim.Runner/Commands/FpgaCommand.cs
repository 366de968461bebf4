using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sim.Runner.Infrastructure;
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
        var format = new Option<string>("--format") { Description = "table, or json (an array, one object per case).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var cmd = new Command("fpga",
            "Simulate every IR bucket the cases need (prefill padded to 128, each decode step to its 16-aligned " +
            "context) and print prefill, decode, total and decode tokens/s per case; with an ENERGY section in the " +
            "config also decode power, J/token and tokens/J.\n\nExamples:\n" +
            "  vhksim fpga --ir-dir ../shared/flightllm-reference/ir_output\n" +
            "  vhksim fpga --case 128:512 --case 1024:1024 --config configs/vhk158.yaml\n" +
            "  vhksim fpga --config configs/u280.yaml --case 128:1 --format json\n" +
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
            Console.Out.Write(r.GetValue(format) == "json" ? Json(rows) : Table(rows));
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }

    /// <summary>One case: its latency, and its energy where the config has a model.</summary>
    public sealed record FpgaRow(CaseResult Latency, CaseEnergy? Energy);

    public static string Table(IReadOnlyList<FpgaRow> rows)
    {
        bool energy = rows.Any(x => x.Energy is not null);
        var sb = new StringBuilder();
        sb.Append($"{"Case (P:D)",-12} {"Prefill (ms)",12} {"Decode (ms)",12} {"Total (ms)",12} {"token/s",9}");
        if (energy) sb.Append($" {"W (decode)",10} {"J/token",8} {"token/J",8}");
        sb.Append('\n');
        foreach (var (c, e) in rows)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{c.Prefill + ":" + c.Decode,-12} {c.PrefillMs,12:F1} {c.DecodeMs,12:F1} {c.TotalMs,12:F1} {c.TokensPerSecond,9:F1}"));
            if (e is not null) sb.Append(string.Create(CultureInfo.InvariantCulture, $" {e.DecodeWatts,10:F1} {e.JoulesPerToken,8:F3} {e.TokensPerJoule,8:F3}"));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A JSON array, one object per case; energy fields only where the machine has an energy model.</summary>
    public static string Json(IReadOnlyList<FpgaRow> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var (c, e) in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("prefill", c.Prefill);
                w.WriteNumber("decode", c.Decode);
                w.WriteNumber("prefill_ms", c.PrefillMs);
                w.WriteNumber("decode_ms", c.DecodeMs);
                w.WriteNumber("total_ms", c.TotalMs);
                w.WriteNumber("decode_tokens_per_s", c.TokensPerSecond);
                if (e is not null)
                {
                    w.WriteNumber("joules_per_token", e.JoulesPerToken);
                    w.WriteNumber("tokens_per_joule", e.TokensPerJoule);
                    w.WriteNumber("decode_watts", e.DecodeWatts);
                    w.WriteNumber("prefill_joules", e.Prefill.TotalJ);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
