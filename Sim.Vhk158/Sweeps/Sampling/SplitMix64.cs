namespace Sim.Vhk158.Sweeps.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a seeded generator whose sequence is fixed by
/// its published definition. System.Random's seeded sequence is an implementation detail of the
/// runtime, and a sampled sweep must pick the same points on every machine and .NET version.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);
}
