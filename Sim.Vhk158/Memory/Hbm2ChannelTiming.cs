namespace Sim.Vhk158.Memory;

/// <summary>
/// Prices a request on an HBM2 pseudo-channel from device timings:
/// <list type="bullet">
/// <item>data: one 32-byte access per max(BL, tCCD_S) clocks (the controller spreads accesses
/// over bank groups);</item>
/// <item>row-buffer locality: a random request opens a row, and activations are limited to one
/// per max(tRRD, tFAW/4) and by each bank's cycle (tRC, or the write's ACT-to-precharge path)
/// over the banks; a sequential stream opens a row every <c>row_bytes</c>, hidden the same way;</item>
/// <item>refresh derates everything by 1 − tRFC/tREFI;</item>
/// <item>latency to the first data: the controller and path's fixed part, plus CL (row hit) or tRP + tRCD + CL (miss); the data itself is the service;</item>
/// <item>turnaround: read to write CL + BL + 2 clocks − CWL, write to read CWL + BL + tWTR_L.</item>
/// </list>
/// </summary>
public sealed record Hbm2ChannelTiming(Hbm2Timings T, double ControllerLatencyNs) : IChannelTiming
{
    public RequestCost Request(int bytes, AccessPattern pattern, bool write, bool crossesChannels)
    {
        double clock = T.ClockNs;
        double accesses = Math.Ceiling((double)bytes / T.AccessBytes);
        double data = accesses * Math.Max(T.BurstClocks, T.CcdShortClocks) * clock;
        double bankCycle = write
            ? Math.Max(T.RcNs, T.RcdWriteNs + T.CwlNs + T.BurstClocks * clock + T.WrNs + T.RpNs)
            : Math.Max(T.RcNs, Math.Max(T.RasNs, T.RcdReadNs + T.RtpNs) + T.RpNs);
        double perActivation = Math.Max(Math.Max(T.RrdNs, T.FawNs / 4), bankCycle / T.Banks);
        bool random = pattern == AccessPattern.Random;
        double activations = random ? 1 : (double)bytes / T.RowBytes;
        double service = Math.Max(data, activations * perActivation) / T.RefreshAvailability;
        double access = write
            ? (random ? T.RpNs + T.RcdWriteNs : 0) + T.CwlNs
            : (random ? T.RpNs + T.RcdReadNs : 0) + T.ClNs;
        return new RequestCost(service, ControllerLatencyNs + access);
    }

    public double TurnaroundNs(bool toWrite) => toWrite
        ? Math.Max(0, T.ClNs + (T.BurstClocks + 2) * T.ClockNs - T.CwlNs)
        : T.CwlNs + T.BurstClocks * T.ClockNs + T.WtrLongNs;
}
