using Sim.Workloads.Ir;
using System.Globalization;
using System.Text;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// The profiler CSV of spec §4.5, byte for byte: 8 lines, C-style <c>%f</c> numbers, and a
/// literal "0,0" for a module without instructions.
/// </summary>
public static class ProfilerCsv
{
    public static string Format(ProfileResult r)
    {
        var sb = new StringBuilder(256);
        sb.Append("inst_type,inst_cnt,part_time,part_time_ratio\n");
        for (int m = 0; m < ModuleSet.Count; m++)
        {
            sb.Append(((Module)m).ToString()).Append(',').Append(r.Counts[m].ToString(CultureInfo.InvariantCulture)).Append(',');
            if (r.Counts[m] == 0) sb.Append("0,0");
            else sb.Append(F(r.Busy[m])).Append(',').Append(F(100 * r.Busy[m] / r.TotalMs));
            sb.Append('\n');
        }
        sb.Append("TOTAL,").Append(r.TotalCount.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(r.TotalMs)).Append(",100\n");
        return sb.ToString();
    }

    /// <summary>Python's <c>%f</c>: fixed point, 6 decimals, correctly rounded.</summary>
    public static string F(double v) => v.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>The reference's file name, e.g. <c>llama2_decode_token_512.csv</c>.</summary>
    public static string FileName(string prefix, Stage stage, int tokens) =>
        $"{prefix}_{(stage == Stage.Prefill ? "prefill" : "decode")}_token_{tokens}.csv";
}
