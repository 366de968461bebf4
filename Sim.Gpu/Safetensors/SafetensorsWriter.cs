using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Sim.Gpu.Safetensors;

/// <summary>Writes tensors to a .safetensors file (via a temp file, then a rename).</summary>
public static class SafetensorsWriter
{
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors,
                             IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is not null) header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var (name, t) in list)
        {
            var n = t.NumberOfElements * t.ElementSize;
            header[name] = new
            {
                dtype = SafetensorsDType.FromTorch(t.dtype),
                shape = t.shape,
                data_offsets = new[] { offset, offset + n },
            };
            offset += n;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        // The format asks for the data to start 8-byte aligned: pad the header with spaces.
        var padded = (json.Length + 7) / 8 * 8;

        Sim.Core.IO.AtomicFile.Write(path, stream =>
        {
            using var fs = new BufferedStream(stream, 1 << 20);
            fs.Write(BitConverter.GetBytes((long)padded));
            fs.Write(json);
            for (var i = json.Length; i < padded; i++) fs.WriteByte((byte)' ');
            foreach (var (_, t) in list)
            {
                using var onCpu = t.cpu();
                using var dense = onCpu.contiguous();
                fs.Write(dense.bytes);
            }
        });
    }
}
