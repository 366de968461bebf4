using Sim.Vhk158.Config;

namespace Sim.Vhk158.Memory;

/// <summary>
/// HBM2 device timings and organisation of one pseudo-channel. Core timings are in ns (the
/// Ramulator 2 HBM2 preset's clocks at tCK = 1 ns), so they keep their meaning at another pin
/// rate; the burst and column-to-column gaps are in clocks of the PC's command clock (half the
/// data rate).
/// </summary>
public sealed record Hbm2Timings(
    double DataRateMts, int PcBits, int BurstTransfers, int Banks, int RowBytes,
    double ClNs, double RcdReadNs, double RcdWriteNs, double RpNs, double RasNs, double RcNs, double WrNs, double RtpNs, double CwlNs,
    double CcdShortClocks, double CcdLongClocks, double WtrShortNs, double WtrLongNs, double BurstClocks,
    double RrdNs, double FawNs, double RfcNs, double RefiNs)
{
    /// <summary>The command clock period: two transfers per clock.</summary>
    public double ClockNs => 2000 / DataRateMts;

    /// <summary>Bytes one column access moves (the access granularity: 64-bit PC × BL4 = 32 B).</summary>
    public int AccessBytes => PcBits / 8 * BurstTransfers;

    /// <summary>Peak rate of the PC, bytes per ns (= GB/s).</summary>
    public double PeakGbPerS => DataRateMts * 1e6 * PcBits / 8 / 1e9;

    /// <summary>Share of time left by all-bank refresh: 1 − tRFC/tREFI.</summary>
    public double RefreshAvailability => 1 - RfcNs / RefiNs;

    /// <summary>The options that set the timings, with the Ramulator 2 HBM2 preset as defaults.</summary>
    public static IReadOnlyList<ComponentOption> Options { get; } =
    [
        new("data_rate_mt_s", 1800, "pin data rate (UG1556: U280 HBM2 at up to 1800 Mb/s; 14.4 GB/s per 64-bit PC)", 1, 100000),
        new("pc_bits", 64, "pseudo-channel width (JESD235: 64-bit PCs)", 8, 1024),
        new("burst_transfers", 4, "burst length in transfers (BL4 in pseudo-channel mode; 32 B per access)", 1, 64),
        new("banks", 16, "banks per PC (PG313: 16 in 4 bank groups for 4H stacks)", 1, 1024),
        new("row_bytes", 1024, "row (page) size per PC (JESD235 pseudo-channel mode: 1 KB)", 32, 1 << 20),
        new("cl_ns", 14, "CAS latency (Ramulator 2 HBM2 preset)", 0, 1000),
        new("trcd_rd_ns", 14, "ACT to read (preset)", 0, 1000),
        new("trcd_wr_ns", 12, "ACT to write (preset)", 0, 1000),
        new("trp_ns", 14, "precharge (preset)", 0, 1000),
        new("tras_ns", 34, "ACT to precharge (preset)", 0, 1000),
        new("trc_ns", 48, "ACT to ACT, same bank (preset)", 0, 1000),
        new("twr_ns", 16, "write recovery (preset)", 0, 1000),
        new("trtp_ns", 5, "read to precharge (preset)", 0, 1000),
        new("cwl_ns", 5, "write latency (preset)", 0, 1000),
        new("tccd_s_clocks", 2, "column to column, other bank group (preset)", 0, 100),
        new("tccd_l_clocks", 4, "column to column, same bank group (preset)", 0, 100),
        new("twtr_s_ns", 6, "write to read, other bank group (preset)", 0, 1000),
        new("twtr_l_ns", 8, "write to read, same bank group (preset)", 0, 1000),
        new("bl_clocks", 2, "burst on the bus, clocks (preset: BL4 DDR)", 0.5, 100),
        new("trrd_ns", 4, "ACT to ACT, other bank (preset)", 0, 1000),
        new("tfaw_ns", 15, "four-activation window (preset)", 0, 1000),
        new("trfc_ns", 350, "all-bank refresh (preset, 8 Gb)", 0, 100000),
        new("trefi_ns", 3900, "refresh interval (preset)", 1, 1e7),
    ];

    public static Hbm2Timings From(ComponentOptions o) => new(
        o["data_rate_mt_s"], o.Int("pc_bits"), o.Int("burst_transfers"), o.Int("banks"), o.Int("row_bytes"),
        o["cl_ns"], o["trcd_rd_ns"], o["trcd_wr_ns"], o["trp_ns"], o["tras_ns"], o["trc_ns"], o["twr_ns"], o["trtp_ns"], o["cwl_ns"],
        o["tccd_s_clocks"], o["tccd_l_clocks"], o["twtr_s_ns"], o["twtr_l_ns"], o["bl_clocks"],
        o["trrd_ns"], o["tfaw_ns"], o["trfc_ns"], o["trefi_ns"]);
}
