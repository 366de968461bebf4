namespace Sim.Vhk158.Observation;

/// <summary>
/// What one resource did over a run: its time-weighted utilization (0..1), queue length (mean
/// and peak) and the waits of the requests it served (count, mean and longest, in ms).
/// </summary>
public sealed record ResourceReport(
    string Name, string Kind, double Utilization, double MeanQueue, double MaxQueue, long Served, double MeanWaitMs, double MaxWaitMs);
