using System.Runtime.InteropServices;

namespace Sim.Workloads.Masks;

/// <summary>
/// A block-sparse attention layout for one decoder layer: heads × query blocks × key blocks,
/// true where the tile is computed. At the reference's MASK_LAYOUT_BLOCK_SIZE = 64 and MAX_LEN =
/// 2048 that is 32 × 32 × 32 (spec §2.1). Stored flat in C order.
/// </summary>
public sealed class AttentionMask
{
    private readonly bool[] _data;

    public AttentionMask(int heads, int rows, int cols, bool[] data)
    {
        if (heads <= 0 || rows <= 0 || cols <= 0)
            throw new ArgumentException($"mask dimensions must be positive, got ({heads}, {rows}, {cols})");
        if (data.Length != (long)heads * rows * cols)
            throw new ArgumentException($"mask data has {data.Length} elements, expected {heads}×{rows}×{cols}");
        Heads = heads; Rows = rows; Cols = cols; _data = data;
    }

    public int Heads { get; }
    public int Rows { get; }
    public int Cols { get; }

    public bool this[int head, int row, int col] => _data[(head * Rows + row) * Cols + col];

    /// <summary>The flat C-order data (read-only view).</summary>
    public ReadOnlySpan<bool> Data => _data;

    /// <summary>
    /// Repeats every element into a <paramref name="rep"/>×<paramref name="rep"/> patch (numpy
    /// <c>repeat</c> on axes 1 and 2) and crops to rows × cols: the FSB-block view of spec §2.2.
    /// </summary>
    public AttentionMask ExpandAndCrop(int rep, int rows, int cols) => ExpandAndCrop(rep, rows, cols, reuse: null);

    /// <summary>
    /// <see cref="ExpandAndCrop(int, int, int)"/> written over <paramref name="reuse"/>, an earlier
    /// result of the same size that its owner no longer reads (a fresh mask otherwise): prefill
    /// attention expands one mask per layer, half a megabyte each at L = 2048, and fresh memory
    /// costs page faults.
    /// </summary>
    public AttentionMask ExpandAndCrop(int rep, int rows, int cols, AttentionMask? reuse)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rep);
        if (rows > Rows * rep || cols > Cols * rep)
            throw new ArgumentException($"crop {rows}×{cols} exceeds expanded mask {Rows * rep}×{Cols * rep}");
        bool fits = reuse is not null && !ReferenceEquals(reuse, this) && reuse.Heads == Heads && reuse.Rows == rows && reuse.Cols == cols;
        // Row by row (prefill attention expands a 32×32×32 mask to 32×128×128 per layer, the
        // bulk of compiling it element by element): a source row is widened once into runs of
        // rep equal elements, and the rep - 1 rows below it are copies of that row.
        var d = fits ? reuse!._data : new bool[Heads * rows * cols];
        for (int h = 0; h < Heads; h++)
            for (int r = 0; r < rows; r++)
            {
                var row = d.AsSpan((h * rows + r) * cols, cols);
                if (r % rep != 0)
                {
                    d.AsSpan((h * rows + r - 1) * cols, cols).CopyTo(row);
                    continue;
                }
                var source = _data.AsSpan((h * Rows + r / rep) * Cols, Cols);
                for (int c = 0; c < cols; c += rep)
                    row.Slice(c, Math.Min(rep, cols - c)).Fill(source[c / rep]);
            }
        return fits ? reuse! : new AttentionMask(Heads, rows, cols, d);
    }

    /// <summary>True elements of one row of one head.</summary>
    public int RowCount(int head, int row) =>
        MemoryMarshal.AsBytes(_data.AsSpan((head * Rows + row) * Cols, Cols)).Count((byte)1);

    /// <summary>Number of true elements over all heads.</summary>
    public long CountNonZero()
    {
        long n = 0;
        foreach (var b in _data) if (b) n++;
        return n;
    }
}
