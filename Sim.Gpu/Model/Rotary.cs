using Sim.Workloads.Models;
using static TorchSharp.torch;

namespace Sim.Gpu.Model;

/// <summary>
/// Rotary position embedding as LLaMA (Hugging Face) defines it: frequency i of a head is
/// theta^(-2i/D) for i &lt; D/2, and q' = q·cos + rotate_half(q)·sin with cos, sin repeated
/// over both halves and rotate_half(x) = [-x₂, x₁].
/// </summary>
public static class Rotary
{
    /// <summary>cos and sin tables, [positions, D] each, in float32 on the CPU.</summary>
    public static (float[,] Cos, float[,] Sin) Tables(ModelDescription m, int positions)
    {
        int d = m.HeadDim, half = d / 2;
        var cos = new float[positions, d];
        var sin = new float[positions, d];
        for (var i = 0; i < half; i++)
        {
            // Computed as Hugging Face does: inv_freq in float32, angle = pos * inv_freq in float32.
            var invFreq = (float)(1.0 / Math.Pow(m.RopeTheta, 2.0 * i / d));
            for (var p = 0; p < positions; p++)
            {
                var angle = p * invFreq;
                float c = MathF.Cos(angle), s = MathF.Sin(angle);
                cos[p, i] = cos[p, i + half] = c;
                sin[p, i] = sin[p, i + half] = s;
            }
        }
        return (cos, sin);
    }

    /// <summary>
    /// The rotation as a matrix per position, [positions, D, D], so that for a row vector x,
    /// x @ R[p] is the rotated vector: one matmul instead of the slices, negation and concat of
    /// rotate_half.
    /// </summary>
    public static float[] RotationMatrices(ModelDescription m, int positions)
    {
        int d = m.HeadDim, half = d / 2;
        var (cos, sin) = Tables(m, positions);
        var r = new float[(long)positions * d * d];
        for (var p = 0; p < positions; p++)
        {
            var b = (long)p * d * d;
            for (var j = 0; j < d; j++)
            {
                r[b + (long)j * d + j] = cos[p, j];
                if (j < half) r[b + (long)(j + half) * d + j] = -sin[p, j];   // out_j = x_j cos - x_{j+D/2} sin
                else r[b + (long)(j - half) * d + j] = sin[p, j];             // out_j = x_j cos + x_{j-D/2} sin
            }
        }
        return r;
    }
}
