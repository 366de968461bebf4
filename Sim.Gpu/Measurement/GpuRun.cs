using System.Globalization;
using Sim.Core.Errors;
using Sim.Gpu.Backends;
using Sim.Gpu.Energy;
using Sim.Gpu.Model;
using Sim.Gpu.Results;
using Sim.Gpu.Runtime;
using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Measurement;

/// <summary>
/// One measurement run: load libtorch, make (or load) the weights once, measure every backend
/// on every case, and merge the rows into <c>&lt;out&gt;/gpu_output/&lt;gpu name&gt;.csv</c>.
/// </summary>
public static class GpuRun
{
    public sealed record Outcome(string CsvPath, TorchRuntimeInfo Runtime, IReadOnlyList<GpuResultRecord> Rows);

    /// <param name="req">what to measure</param>
    /// <param name="progress">where progress goes</param>
    /// <param name="clock">the date written into the rows (default: now)</param>
    /// <param name="meter">times each run (default: device synchronization, a monotonic clock and the GPU's NVML energy counter)</param>
    public static Outcome Execute(GpuRunRequest req, IMeasurementProgress progress, Func<DateTimeOffset>? clock = null, IRunMeter? meter = null)
    {
        var model = ModelDescriptionLoader.Load(req.ModelPath);
        if (req.Layers is { } n) model = ModelVariants.WithLayers(model, n);
        foreach (var c in req.Cases)
            if (c.Prefill + c.Decode > model.MaxPositionEmbeddings)
                throw new InputException(
                    $"--case {c}: prefill + decode = {c.Prefill + c.Decode} exceeds the model's max_position_embeddings ({model.MaxPositionEmbeddings})",
                    req.ModelPath);

        if (req.Backends.Contains(OptBackend.BackendName) && req.Cases.FirstOrDefault(c => c.Batch != 1) is { } batched)
            throw new InputException($"--case {batched}: backend {OptBackend.BackendName} runs batch 1 only");

        var runtime = TorchRuntime.Initialize(req.Device, req.LibTorchDir);
        progress.Note($"libtorch {runtime.LibTorchVersion} from {runtime.LibTorchDir ?? "the build"}; device {runtime.DeviceName}; TorchSharp {runtime.TorchSharpVersion}" +
                      (runtime.CudaVersion.Length > 0 ? $"; CUDA {runtime.CudaVersion}" : ""));

        var device = TorchRuntime.TorchDeviceOf(req.Device);
        var dtype = req.Device == TorchDevice.Cuda ? ScalarType.Float16 : ScalarType.Float32;
        var date = (clock ?? (() => DateTimeOffset.UtcNow))().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new List<GpuResultRecord>();

        using (var weights = req.WeightsDir is null
                   ? RandomWeights.Create(model, req.WeightSeed, device, dtype)
                   : HuggingFaceFolder.Load(req.WeightsDir, model, device, dtype))
        {
            progress.Note($"{model.Name}: {WeightShapes.Parameters(model) / 1e9:0.###} B parameters, {weights.Bytes / 1e9:0.###} GB in {dtype}" +
                          (req.WeightsDir is null ? $" (seeded random, seed {req.WeightSeed})" : $" (from {req.WeightsDir})"));
            var weightBytes = Roofline.DecodeWeightBytes(weights);
            var bandwidth = req.BandwidthGbS ?? (req.Device == TorchDevice.Cuda ? Roofline.BandwidthGbS(runtime.DeviceName) : null);
            var roofline = Roofline.MsPerToken(weightBytes, bandwidth);
            var noEnergy = "";
            using var energy = meter is null && req.Device == TorchDevice.Cuda ? NvmlEnergyCounter.TryOpen(0, out noEnergy) : null;
            if (meter is null)
            {
                var note = req.Device == TorchDevice.Cpu ? "no energy on the CPU (smoke run: times show the path works, they compare with nothing)"
                    : energy is null ? $"no energy: {noEnergy}; the energy columns stay empty" : energy.Source;
                meter = new DeviceRunMeter(req.Device, energy, note);
            }
            progress.Note($"energy: {meter.EnergyNote}");
            var protocol = new MeasurementProtocol(req.Device, req.Options, progress, meter, roofline);

            foreach (var name in req.Backends)
            {
                using var backend = BackendCatalog.Create(name, weights);
                if (backend is IDescribedBackend described) progress.Note(described.Details);
                foreach (var c in req.Cases)
                {
                    var m = protocol.Measure(backend, c, model.VocabSize);
                    rows.Add(ToRecord(m, model, runtime, date, weightBytes, bandwidth, roofline));
                }
            }
        }

        var path = Path.Combine(req.OutDir, "gpu_output", GpuResultsFile.FileName(runtime.DeviceName));
        GpuResultsFile.Merge(path, rows);
        return new Outcome(path, runtime, rows);
    }

    private static GpuResultRecord ToRecord(CaseMeasurement m, ModelDescription model, TorchRuntimeInfo rt,
                                            string date, long weightBytes, double? bandwidth, double? roofline) => new()
    {
        Batch = m.Case.Batch,
        Prefill = m.Case.Prefill,
        Decode = m.Case.Decode,
        Backend = m.Backend,
        Device = rt.DeviceName,
        Model = model.Name,
        PrefillMs = Round(m.PrefillMs),
        DecodeMs = Round(m.DecodeMs),
        TotalMs = Round(m.TotalMs),
        DecodeMsPerToken = Round(m.DecodeMsPerToken),
        DecodeTokensPerS = Round(m.TokensPerSecond),
        PrefillMsMin = Round(m.Prefill.Min),
        PrefillMsMax = Round(m.Prefill.Max),
        DecodeMsPerTokenMin = Round(m.DecodeMsPerTokenRange.Min),
        DecodeMsPerTokenMax = Round(m.DecodeMsPerTokenRange.Max),
        AvgPowerW = m.Energy is { } e ? Round(e.AvgWatts) : null,
        PrefillJ = m.Energy is { } e1 ? Round(e1.PrefillJoules) : null,
        DecodeJPerToken = m.Energy is { } e2 ? Math.Round(e2.DecodeJoulesPerToken, 5, MidpointRounding.AwayFromZero) : null,
        RunKind = m.Smoke ? GpuResultRecord.Smoke : GpuResultRecord.Measured,
        Repetitions = m.Options.Repetitions,
        Warmup = m.Options.Warmup,
        Protocol = m.Options.Protocol,
        Date = date,
        TorchSharp = rt.TorchSharpVersion,
        LibTorch = rt.LibTorchVersion,
        Cuda = rt.CudaVersion,
        WeightBytes = weightBytes,
        BandwidthGbS = bandwidth,
        RooflineMsPerToken = roofline is { } r ? Round(r) : null,
        OpsPerToken = Round(m.Host.OpsPerToken),
        HostUsPerOp = Round(m.Host.HostUsPerOp),
        AllocBytesPerToken = Math.Round(m.Host.AllocBytesPerToken),
    };

    private static double Round(double x) => Math.Round(x, 3, MidpointRounding.AwayFromZero);
}
