namespace Sim.Gpu.Backends;

/// <summary>
/// What one <see cref="IInferenceBackend.Generate"/> call produced and what it cost the host.
/// </summary>
/// <param name="Tokens">The generated token ids, [batch][newTokens].</param>
/// <param name="OpCalls">TorchSharp op calls made (tensor handles created, corrected for in-place calls and multi-tensor results).</param>
/// <param name="AllocatedBytes">Managed bytes allocated on the calling thread during the call.</param>
/// <param name="HostIssueMs">Wall time until the last op was issued, before the final wait for the device.</param>
public sealed record GenerationResult(long[][] Tokens, long OpCalls, long AllocatedBytes, double HostIssueMs);
