using System.Globalization;
using System.Text;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// The profiler CSV of spec §4.5: a row per unit, then TOTAL, C-style <c>%f</c> numbers, and a
/// literal "0,0" for a unit without instructions. For the reference machine (units LD, ST, MM,
/// MV, MISC, SYS) this is the artifact's file byte for byte; machines with more units add rows
/// before TOTAL, whose <c>part_time</c> stays the latency in ms.
/// </summary>
public static class ProfilerCsv
{
    public const string Header = "inst_type,inst_cnt,part_time,part_time_ratio";

    /// <summary>The CSV of a result: the one it was read from, else formatted.</summary>
    public static string Format(ProfileResult r)
    {
        if (r.SourceCsv is { } text) return text;
        var sb = new StringBuilder(256);
        sb.Append(Header).Append('\n');
        foreach (var u in r.Units)
        {
            sb.Append(u.Unit.Name).Append(',').Append(u.Count.ToString(CultureInfo.InvariantCulture)).Append(',');
            if (u.Count == 0) sb.Append("0,0");
            else sb.Append(F(u.BusyMs)).Append(',').Append(F(100 * u.BusyMs / r.TotalMs));
            sb.Append('\n');
        }
        sb.Append("TOTAL,").Append(r.TotalCount.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(r.TotalMs)).Append(",100\n");
        return sb.ToString();
    }

    /// <summary>Python's <c>%f</c>: fixed point, 6 decimals, correctly rounded.</summary>
    public static string F(double v) => v.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>The value run.py reads back: the CSV's <c>%f</c> text parsed again.</summary>
    public static double AsPrinted(double ms) => double.Parse(F(ms), CultureInfo.InvariantCulture);

    /// <summary>The reference's file name, e.g. <c>llama2_decode_token_512.csv</c>.</summary>
    public static string FileName(string prefix, Stage stage, int tokens) =>
        $"{prefix}_{(stage == Stage.Prefill ? "prefill" : "decode")}_token_{tokens}.csv";
}
