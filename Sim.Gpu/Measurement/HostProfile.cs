namespace Sim.Gpu.Measurement;

/// <summary>
/// Where a decode step's host time goes, from one timed "total" run minus one "prefill" run.
/// </summary>
/// <param name="OpsPerToken">Tensor handles created per decoded token (≈ TorchSharp ops; chunk/unbind count one per piece).</param>
/// <param name="HostUsPerOp">Decode wall time per token over ops per token: the host's cost per op when the host sets the pace.</param>
/// <param name="AllocBytesPerToken">Managed bytes allocated per decoded token.</param>
/// <param name="IssueMsPerToken">Host time per token until the last op was issued (before the final wait for the device).</param>
public sealed record HostProfile(double OpsPerToken, double HostUsPerOp, double AllocBytesPerToken, double IssueMsPerToken);
