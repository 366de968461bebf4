using System.Globalization;
using Sim.Gpu.Results;

namespace Sim.Runner.Reporting;

/// <summary>
/// What <c>vhksim gpu</c> measured, one row per backend and case, under the names every output
/// uses (<c>decode_tokens_per_s</c> as in <c>run</c>, <c>fpga</c> and <c>sweep</c>); the results
/// file keeps all its columns.
/// </summary>
public static class GpuRowsTable
{
    public static ResultTable Of(IReadOnlyList<GpuResultRecord> rows)
    {
        static string N(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "";
        var cells = rows.Select(r => (IReadOnlyList<string>)
        [
            r.Backend, r.Device, r.Model,
            r.Batch.ToString(CultureInfo.InvariantCulture), r.Prefill.ToString(CultureInfo.InvariantCulture), r.Decode.ToString(CultureInfo.InvariantCulture),
            N(r.PrefillMs, "0.###"), N(r.DecodeMs, "0.###"), N(r.DecodeMsPerToken, "0.####"), N(r.DecodeTokensPerS, "0.##"),
            N(r.AvgPowerW, "0.#"), N(r.DecodeJPerToken, "0.#####"), r.RunKind,
        ]).ToList();
        return new ResultTable(
            ["backend", "device", "model", "batch", "prefill", "decode", "prefill_ms", "decode_ms", "decode_ms_per_token", "decode_tokens_per_s",
             "avg_power_w", "decode_j_per_token", "run_kind"], cells);
    }
}
