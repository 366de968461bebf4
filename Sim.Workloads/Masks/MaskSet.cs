using Sim.Core.Errors;
using Sim.Workloads.Masks.Npy;

namespace Sim.Workloads.Masks;

/// <summary>
/// The attention masks of all decoder layers of a model, one <see cref="AttentionMask"/> per
/// layer, all of the same shape. On disk: <c>attention_mask_{layer}.mask.npy</c> in one folder,
/// the reference's <c>ir_output/attention_mask/</c> layout (spec §2.1).
/// </summary>
public sealed class MaskSet
{
    private readonly AttentionMask[] _layers;

    public MaskSet(IReadOnlyList<AttentionMask> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("a mask set needs at least one layer", nameof(layers));
        var first = layers[0];
        for (int i = 1; i < layers.Count; i++)
            if (!SameShape(layers[i], first))
                throw new ArgumentException(
                    $"layer {i} mask has shape {ShapeText(layers[i])}, layer 0 has {ShapeText(first)}", nameof(layers));
        _layers = [.. layers];
    }

    public int LayerCount => _layers.Length;
    public int Heads => _layers[0].Heads;
    public int Rows => _layers[0].Rows;
    public int Cols => _layers[0].Cols;

    public AttentionMask this[int layer] => _layers[layer];

    /// <summary>
    /// The mask an IR attention layer names in its param (<c>attention_mask_{i}.mask</c>), or null
    /// when the name has no layer number or the set has no such layer.
    /// </summary>
    public AttentionMask? ForParam(string paramName)
    {
        const string prefix = "attention_mask_";
        int start = paramName.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0) return null;
        start += prefix.Length;
        int end = start;
        while (end < paramName.Length && char.IsAsciiDigit(paramName[end])) end++;
        return int.TryParse(paramName.AsSpan(start, end - start), out int layer) && layer < _layers.Length ? _layers[layer] : null;
    }

    public IReadOnlyList<AttentionMask> Layers => Array.AsReadOnly(_layers);

    /// <summary>The file name of one layer's mask in the reference layout.</summary>
    public static string FileName(int layer) => $"attention_mask_{layer}.mask.npy";

    /// <summary>
    /// Reads <c>attention_mask_{i}.mask.npy</c> for i in 0..<paramref name="layers"/>-1 from
    /// <paramref name="dir"/>. Each must be a rank-3 (heads, query blocks, key blocks) array of the
    /// same shape, and of <paramref name="expectedShape"/> when given.
    /// </summary>
    public static MaskSet Load(string dir, int layers, (int Heads, int Rows, int Cols)? expectedShape = null)
    {
        if (layers <= 0) throw new ArgumentOutOfRangeException(nameof(layers), layers, "must be positive");
        if (!Directory.Exists(dir))
            throw new InputException($"attention mask folder not found (expected {FileName(0)} .. {FileName(layers - 1)} in it)", dir);

        var masks = new AttentionMask[layers];
        for (int i = 0; i < layers; i++)
        {
            var path = Path.Combine(dir, FileName(i));
            if (!File.Exists(path))
                throw new InputException(
                    $"attention mask of layer {i} is missing: expected this file (the model has {layers} layers)", path);
            masks[i] = LoadLayer(path);
            var expected = expectedShape ?? (i == 0 ? null : (masks[0].Heads, masks[0].Rows, masks[0].Cols));
            if (expected is { } e && (masks[i].Heads, masks[i].Rows, masks[i].Cols) != e)
                throw new InputException(
                    $"attention mask shape is {ShapeText(masks[i])}, expected ({e.Heads}, {e.Rows}, {e.Cols}) " +
                    (expectedShape is null ? $"like {FileName(0)}" : "(heads, query blocks, key blocks)"), path);
        }
        return new MaskSet(masks);
    }

    /// <summary>Reads one layer's mask file: a rank-3 bool or uint8 array with no zero dimension.</summary>
    public static AttentionMask LoadLayer(string path)
    {
        var npy = NpyReader.Read(path);
        if (npy.Rank != 3)
            throw new InputException(
                $"attention mask must have rank 3 (heads, query blocks, key blocks), found shape {npy.Header.ShapeText}", path);
        if (npy.Shape.Any(d => d == 0))
            throw new InputException($"attention mask shape {npy.Header.ShapeText} has an empty dimension", path);
        return new AttentionMask(npy.Shape[0], npy.Shape[1], npy.Shape[2], npy.Data);
    }

    /// <summary>Writes every layer as a numpy bool array; creates the folder when needed.</summary>
    public void Save(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputException($"cannot create the attention mask folder: {e.Message}", dir, inner: e);
        }
        for (int i = 0; i < _layers.Length; i++)
            NpyWriter.Write(Path.Combine(dir, FileName(i)), _layers[i].Data, [Heads, Rows, Cols]);
    }

    /// <summary>Number of true blocks over all layers and heads.</summary>
    public long CountNonZero() => _layers.Sum(m => m.CountNonZero());

    private static bool SameShape(AttentionMask a, AttentionMask b) =>
        a.Heads == b.Heads && a.Rows == b.Rows && a.Cols == b.Cols;

    private static string ShapeText(AttentionMask m) => $"({m.Heads}, {m.Rows}, {m.Cols})";
}
