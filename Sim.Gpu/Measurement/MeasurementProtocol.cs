using System.Diagnostics;
using Sim.Gpu.Backends;
using Sim.Gpu.Runtime;
using static TorchSharp.torch;

namespace Sim.Gpu.Measurement;

/// <summary>
/// The seed's protocol for one backend and case: prefill time = generating 1 token; total =
/// generating D+1 tokens (length forced); decode = total − prefill; throughput = D / decode.
/// Every timed run is bracketed by device synchronization.
/// </summary>
public sealed class MeasurementProtocol(TorchDevice device, MeasurementOptions options, IMeasurementProgress progress)
{
    public CaseMeasurement Measure(IInferenceBackend backend, MeasurementCase c, int vocabSize)
    {
        using var prompt = Prompt(c, vocabSize);
        progress.CaseStarted(backend.Name, c, 2 * (options.Warmup + options.Repetitions));

        for (var i = 0; i < options.Warmup; i++)
        {
            progress.RunFinished("warm-up", Timed(backend, prompt, 1, out _));
            progress.RunFinished("warm-up", Timed(backend, prompt, options.WarmupDecode(c.Decode) + 1, out _));
        }
        var prefill = new List<double>();
        GenerationResult? lastPrefill = null;
        for (var i = 0; i < options.Repetitions; i++)
        {
            prefill.Add(Timed(backend, prompt, 1, out lastPrefill));
            progress.RunFinished("prefill", prefill[^1]);
        }
        var total = new List<double>();
        GenerationResult? lastTotal = null;
        for (var i = 0; i < options.Repetitions; i++)
        {
            total.Add(Timed(backend, prompt, c.Decode + 1, out lastTotal));
            progress.RunFinished("total", total[^1]);
        }

        var prefillMs = Median(prefill);
        var totalMs = Median(total);
        var host = Profile(lastPrefill!, lastTotal!, c.Decode, totalMs - prefillMs);
        var m = new CaseMeasurement(c, backend.Name, prefillMs, totalMs, host, options,
            lastTotal!.Tokens[0].Take(8).ToArray());
        progress.CaseFinished(m);
        return m;
    }

    private double Timed(IInferenceBackend backend, Tensor prompt, int newTokens, out GenerationResult result)
    {
        TorchRuntime.Synchronize(device);
        var t0 = Stopwatch.GetTimestamp();
        result = backend.Generate(prompt, newTokens);
        TorchRuntime.Synchronize(device);
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    private static HostProfile Profile(GenerationResult prefill, GenerationResult total, int decode, double decodeMs)
    {
        var ops = (double)(total.OpCalls - prefill.OpCalls) / decode;
        var bytes = (double)(total.AllocatedBytes - prefill.AllocatedBytes) / decode;
        var issue = (total.HostIssueMs - prefill.HostIssueMs) / decode;
        var usPerOp = ops > 0 ? decodeMs / decode * 1000.0 / ops : 0;
        return new HostProfile(ops, usPerOp, bytes, issue);
    }

    /// <summary>Seeded prompt token ids [batch, prefill] on the device (values do not change the time).</summary>
    private Tensor Prompt(MeasurementCase c, int vocabSize)
    {
        var rng = new Random((int)(options.Seed + 1000L * c.Prefill + c.Batch));
        var ids = new long[c.Batch * c.Prefill];
        for (var i = 0; i < ids.Length; i++) ids[i] = rng.Next(3, vocabSize);
        return tensor(ids, [c.Batch, c.Prefill], ScalarType.Int64, TorchRuntime.TorchDeviceOf(device));
    }

    internal static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
