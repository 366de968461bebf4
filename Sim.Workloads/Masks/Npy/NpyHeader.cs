namespace Sim.Workloads.Masks.Npy;

/// <summary>
/// The parsed header of a <c>.npy</c> file. <see cref="Descr"/> is the dtype string as written in
/// the file (e.g. <c>'|b1'</c>, <c>'u1'</c>); <see cref="Dtype"/> is what it means.
/// </summary>
public sealed record NpyHeader(NpyVersion Version, string Descr, NpyDtype Dtype, bool FortranOrder, IReadOnlyList<int> Shape)
{
    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>The shape as Python prints it: <c>(32, 32, 32)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    internal static string FormatShape(IReadOnlyList<int> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
}
