using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Sim.Vhk158.Config;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Pipeline;

/// <summary>
/// The cache key of a bucket's profile: SHA-256 over everything the result depends on — the
/// machine model, every config entry (the MACHINE section's included), the bucket's IR content
/// (<see cref="IWorkloadSource.ContentKey"/>), the attention masks where the stage reads them
/// (prefill), and the simulator build (<see cref="SimulatorVersion"/>).
/// </summary>
public sealed class ProfileKey
{
    private readonly string _config;
    private readonly string _machine;
    private readonly IWorkloadSource _source;
    private readonly Lazy<string> _masks;

    public ProfileKey(HardwareConfig config, IWorkloadSource source)
    {
        _config = string.Concat(HardwareConfigLoader.Entries(config).Select(e => $"{e.Key}={e.Value}\n"));
        _machine = config.MachineName;
        _source = source;
        _masks = new Lazy<string>(() => MaskDigest(source.Masks), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The key as 64 hex digits.</summary>
    public string For(Bucket bucket)
    {
        var text = new StringBuilder()
            .Append("vhksim profile key\nsimulator ").Append(SimulatorVersion.Text).Append('\n')
            .Append("machine ").Append(_machine).Append('\n')
            .Append("config\n").Append(_config)
            .Append("ir\n").Append(_source.ContentKey(bucket.Stage, bucket.Tokens)).Append('\n')
            // Decode attention reads no mask (spec §2.2), so mask changes must not invalidate decode.
            .Append("masks ").Append(bucket.Stage == Stage.Prefill ? _masks.Value : "unused").Append('\n')
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>SHA-256 over every layer's shape and data, or "none".</summary>
    public static string MaskDigest(MaskSet? masks)
    {
        if (masks is null) return "none";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> shape = stackalloc byte[16];
        foreach (var layer in masks.Layers)
        {
            BitConverter.TryWriteBytes(shape[..4], layer.Heads);
            BitConverter.TryWriteBytes(shape[4..8], layer.Rows);
            BitConverter.TryWriteBytes(shape[8..12], layer.Cols);
            BitConverter.TryWriteBytes(shape[12..], masks.LayerCount);
            hash.AppendData(shape);
            hash.AppendData(MemoryMarshal.AsBytes(layer.Data));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
