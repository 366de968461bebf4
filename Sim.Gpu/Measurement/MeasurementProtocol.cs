using Sim.Gpu.Backends;
using Sim.Gpu.Runtime;
using static TorchSharp.torch;

namespace Sim.Gpu.Measurement;

/// <summary>
/// The seed's protocol for one backend and case: prefill time = generating 1 token; total =
/// generating D+1 tokens (length forced); decode = total − prefill; throughput = D / decode.
/// Every timed run goes through the <see cref="IRunMeter"/> (device synchronization around it,
/// energy where a counter is there). A case whose figures are implausible
/// (<see cref="TimingSanity"/>) is measured again, up to <see cref="Attempts"/> times in all,
/// then it is an error: never a row.
/// </summary>
/// <param name="device">where the prompt lives</param>
/// <param name="options">warm-up and timed runs</param>
/// <param name="progress">where progress goes</param>
/// <param name="meter">times (and meters) one run</param>
/// <param name="rooflineMsPerToken">the memory floor of a decode step, for the sanity check (null: unknown)</param>
public sealed class MeasurementProtocol(TorchDevice device, MeasurementOptions options, IMeasurementProgress progress,
                                        IRunMeter meter, double? rooflineMsPerToken = null)
{
    public const int Attempts = 3;

    /// <summary>Back-to-back prefill runs for the prefill's power last at least this long (when energy is read).</summary>
    public const double EnergyWindowMs = 2000;

    public CaseMeasurement Measure(IInferenceBackend backend, MeasurementCase c, int vocabSize)
    {
        using var prompt = Prompt(c, vocabSize);
        string? why = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (m, samples) = MeasureOnce(backend, prompt, c);
            why = TimingSanity.Problem(m, samples, rooflineMsPerToken);
            if (why is null)
            {
                progress.CaseFinished(m);
                return m;
            }
            progress.Note($"{backend.Name} {c}: {why}; " + (attempt < Attempts ? $"measuring again ({attempt + 1} of {Attempts})" : "giving up"));
        }
        throw new MeasurementException($"{backend.Name} {c}: {why} in each of {Attempts} attempts; no row written")
        {
            Hint = "decode is measured as total − prefill: give the case more decode tokens (--case P:D), more --repetitions, or a quieter machine",
        };
    }

    private (CaseMeasurement M, List<double> Samples) MeasureOnce(IInferenceBackend backend, Tensor prompt, MeasurementCase c)
    {
        progress.CaseStarted(backend.Name, c, 2 * (options.Warmup + options.Repetitions));
        for (var i = 0; i < options.Warmup; i++)
        {
            progress.RunFinished("warm-up", meter.Measure(() => backend.Generate(prompt, 1), 1, out _).Ms);
            var n = options.WarmupDecode(c.Decode) + 1;
            progress.RunFinished("warm-up", meter.Measure(() => backend.Generate(prompt, n), n, out _).Ms);
        }
        var prefill = new List<RunSample>();
        GenerationResult? lastPrefill = null;
        for (var i = 0; i < options.Repetitions; i++)
        {
            prefill.Add(meter.Measure(() => backend.Generate(prompt, 1), 1, out lastPrefill));
            progress.RunFinished("prefill", prefill[^1].Ms);
        }
        // The energy counter moves in steps: prefill's power comes from a window of back-to-back runs.
        var window = new List<RunSample>();
        if (meter.HasEnergy)
            while (window.Sum(s => s.Ms) < EnergyWindowMs || window.Count < 3)
                window.Add(meter.Measure(() => backend.Generate(prompt, 1), 1, out _));
        var total = new List<RunSample>();
        GenerationResult? lastTotal = null;
        for (var i = 0; i < options.Repetitions; i++)
        {
            total.Add(meter.Measure(() => backend.Generate(prompt, c.Decode + 1), c.Decode + 1, out lastTotal));
            progress.RunFinished("total", total[^1].Ms);
        }

        var prefillMs = Spread.Of(prefill.Select(s => s.Ms).ToList());
        var totalMs = Spread.Of(total.Select(s => s.Ms).ToList());
        var host = Profile(lastPrefill!, lastTotal!, c.Decode, totalMs.Median - prefillMs.Median);
        var energy = CaseEnergy.From(window, total, prefillMs.Median, totalMs.Median, c.Decode, meter.EnergyNote);
        var m = new CaseMeasurement(c, backend.Name, prefillMs, totalMs, host, options,
            lastTotal!.Tokens[0].Take(8).ToArray(), energy, Smoke: device == TorchDevice.Cpu);
        return (m, prefill.Concat(total).Select(s => s.Ms).ToList());
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

    internal static double Median(List<double> xs) => Spread.Of(xs).Median;
}
