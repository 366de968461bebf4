using Sim.Gpu.Model;

namespace Sim.Gpu.Tests;

public class RotaryTests
{
    /// <summary>x @ R[p] must equal Hugging Face's q·cos + rotate_half(q)·sin, computed here element by element.</summary>
    [Fact]
    public void RotationMatrixEqualsRotateHalfFormula()
    {
        var m = TinyModel.Description();
        int d = m.HeadDim, half = d / 2, positions = 40;
        var r = Rotary.RotationMatrices(m, positions);
        var (cos, sin) = Rotary.Tables(m, positions);
        var rng = new Random(3);
        foreach (var p in new[] { 0, 1, 17, 39 })
        {
            var x = Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            for (var j = 0; j < d; j++)
            {
                var rotated = j < half ? -x[j + half] : x[j - half];
                var expected = x[j] * cos[p, j] + rotated * sin[p, j];
                double viaMatrix = 0;
                for (var i = 0; i < d; i++) viaMatrix += x[i] * r[(long)p * d * d + (long)i * d + j];
                Assert.Equal(expected, viaMatrix, 5);
            }
        }
    }

    [Fact]
    public void PositionZeroIsTheIdentity()
    {
        var m = TinyModel.Description();
        var d = m.HeadDim;
        var r = Rotary.RotationMatrices(m, 1);
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                Assert.Equal(i == j ? 1f : 0f, r[i * d + j]);
    }
}
