using System.Text.Json;
using Sim.Core.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace Sim.Gpu.Safetensors;

/// <summary>
/// Reads a .safetensors file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian data.
/// </summary>
public sealed class SafetensorsReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _dataStart;

    public string Path { get; }
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }

    public SafetensorsReader(string path)
    {
        Path = path;
        if (!File.Exists(path)) throw new InputException("safetensors file not found", path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        try
        {
            Span<byte> len = stackalloc byte[8];
            if (_stream.Read(len) != 8) throw new InputException("not a safetensors file: shorter than its 8-byte header length", path);
            var headerLen = BitConverter.ToInt64(len);
            if (headerLen <= 0 || headerLen > 100_000_000 || 8 + headerLen > _stream.Length)
                throw new InputException($"not a safetensors file: header length {headerLen} does not fit the file", path);
            var header = new byte[headerLen];
            _stream.ReadExactly(header);
            _dataStart = 8 + headerLen;
            Entries = ParseHeader(header, _stream.Length - _dataStart, path);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    private static Dictionary<string, SafetensorsEntry> ParseHeader(byte[] header, long dataLength, string path)
    {
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header); }
        catch (JsonException e) { throw new InputException($"safetensors header is not valid JSON: {e.Message}", path); }
        using (doc)
        {
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__") continue;
                try
                {
                    var dtype = p.Value.GetProperty("dtype").GetString() ?? "";
                    var shape = p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                    var offsets = p.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                    if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                        throw new InputException($"tensor '{p.Name}': data_offsets out of the file's data", path);
                    entries[p.Name] = new SafetensorsEntry(p.Name, dtype, shape, offsets[0], offsets[1]);
                }
                catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new InputException($"tensor '{p.Name}': header entry needs dtype, shape and data_offsets", path);
                }
            }
        }
        return entries;
    }

    /// <summary>Reads one tensor onto the CPU in its stored dtype.</summary>
    public Tensor Read(string name)
    {
        if (!Entries.TryGetValue(name, out var e)) throw new InputException($"no tensor '{name}'", Path);
        var dtype = SafetensorsDType.ToTorch(e.DType)
                    ?? throw new InputException($"tensor '{name}': unsupported dtype '{e.DType}'", Path);
        var t = empty(e.Shape, dtype);
        var expected = t.NumberOfElements * t.ElementSize;
        if (expected != e.End - e.Begin)
        {
            t.Dispose();
            throw new InputException($"tensor '{name}': {e.End - e.Begin} bytes stored, {expected} expected for {e.DType}[{string.Join(",", e.Shape)}]", Path);
        }
        _stream.Position = _dataStart + e.Begin;
        _stream.ReadExactly(t.bytes);
        return t;
    }

    public void Dispose() => _stream.Dispose();
}
