namespace Sim.Vhk158.Sweeps.Feasibility;

/// <summary>
/// What a device can hold, as far as the sources say: DSP slices and how many INT8 MACs one
/// packs, on-chip RAM (null where no source gives it: then it rules nothing out), and HBM.
/// </summary>
public sealed record KnownDevice(
    string Name,
    string Part,
    int Dsp,
    string DspKind,
    int Int8MacsPerDsp,
    long? OnChipBytes,
    int HbmGB,
    int HbmPseudoChannels);
