namespace Sim.Vhk158.Sweeps.Feasibility;

/// <summary>
/// The devices a sweep point is checked against. Sources (see spec/boards.md in the shared
/// reference folder): [S1] the FlightLLM paper (FPGA '24) Table 2 (DSP counts, HBM sizes) and
/// Table 3 (U280 utilisation, whose percentages give the device's BRAM/URAM totals), §compute-arch
/// (two INT8 MACs packed per DSP48, after Xilinx WP486); [S6] AMD UG1393 (U280 HBM: 32 PCs of
/// 256 MB); [S8, S10, S11] AMD's VHK158 board guide (XCVH1582), DS960 and the Versal HBM tutorial
/// (2 stacks of 16 GB, 32 PCs).
/// </summary>
public static class DeviceCatalog
{
    private const long KiB = 1024;

    /// <summary>Alveo U280 (XCU280): 9,024 DSP48E2 [S1 Table 2]; 960 URAM × 36 KiB + 2,016 BRAM36 × 4.5 KiB [derived from S1 Table 3]; 8 GB HBM2, 32 PCs [S6].</summary>
    public static readonly KnownDevice U280 = new("U280", "XCU280", 9024, "DSP48E2", 2, 960 * 36 * KiB + 2016 * 9 * KiB / 2, 8, 32);

    /// <summary>
    /// Versal VHK158 (XCVH1582) [S11]: 7,392 DSP58 [S1 Table 2]; INT8 MACs per DSP58 taken as the
    /// paper's two (DSP58 packing is unverified in boards.md §1.1); its BRAM/URAM totals are not in
    /// the sources, so on-chip memory is not checked; 32 GB HBM2e in 32 PCs [S1, S8, S10].
    /// </summary>
    public static readonly KnownDevice Vhk158 = new("VHK158", "XCVH1582", 7392, "DSP58", 2, null, 32, 32);

    public static readonly IReadOnlyList<KnownDevice> All = [Vhk158, U280];
}
