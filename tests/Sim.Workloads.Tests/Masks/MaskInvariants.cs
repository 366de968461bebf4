using Sim.Workloads.Masks;

namespace Sim.Workloads.Tests.Masks;

/// <summary>The structural rules of spec §2.3, checked the same way on reference and generated masks.</summary>
internal static class MaskInvariants
{
    /// <summary>Count of true elements above the diagonal (0 for a causal mask).</summary>
    public static int AboveDiagonal(AttentionMask m)
    {
        int n = 0;
        for (int h = 0; h < m.Heads; h++)
            for (int r = 0; r < m.Rows; r++)
                for (int c = r + 1; c < m.Cols; c++)
                    if (m[h, r, c]) n++;
        return n;
    }

    /// <summary>The head's budget k: its largest row count.</summary>
    public static int Budget(AttentionMask m, int head) =>
        Enumerable.Range(0, m.Rows).Max(r => m.RowCount(head, r));

    /// <summary>(head, row) pairs whose count is not min(r+1, k).</summary>
    public static List<(int Head, int Row)> RowBudgetViolations(AttentionMask m)
    {
        var bad = new List<(int, int)>();
        for (int h = 0; h < m.Heads; h++)
        {
            int k = Budget(m, h);
            for (int r = 0; r < m.Rows; r++)
                if (m.RowCount(h, r) != Math.Min(r + 1, k)) bad.Add((h, r));
        }
        return bad;
    }

    public static byte[] Bytes(MaskSet set) =>
        set.Layers.SelectMany(m => m.Data.ToArray()).Select(b => b ? (byte)1 : (byte)0).ToArray();
}
