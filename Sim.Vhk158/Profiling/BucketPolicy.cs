using Sim.Core.Errors;

namespace Sim.Vhk158.Profiling;

/// <summary>
/// How the artifact's run.py maps a request onto IR buckets (spec §1.6): the prompt is padded up
/// to a multiple of 128 tokens, and decode step i (0-based) of a request with prompt P runs the
/// decode bucket of its context P+i+1 padded up to a multiple of 16.
/// </summary>
public sealed record BucketPolicy(int PrefillAlign = 128, int DecodeAlign = 16)
{
    public static readonly BucketPolicy Reference = new();

    public int PrefillBucket(int prefill) => Align(prefill, PrefillAlign);
    public int DecodeBucket(int prefill, int step) => Align(prefill + step + 1, DecodeAlign);

    /// <summary>Every bucket a case needs: one prefill and the distinct decode buckets, ascending.</summary>
    public (int Prefill, IReadOnlyList<int> Decode) Buckets(int prefill, int decode, int maxLen)
    {
        Validate(prefill, decode, maxLen);
        var set = new SortedSet<int>();
        for (int i = 0; i < decode; i++) set.Add(DecodeBucket(prefill, i));
        return (PrefillBucket(prefill), set.ToList());
    }

    public void Validate(int prefill, int decode, int maxLen)
    {
        if (prefill < 1) throw new InputException($"prefill must be at least 1 token, got {prefill}");
        if (decode < 0) throw new InputException($"decode must be at least 0 tokens, got {decode}");
        if (PrefillBucket(prefill) > maxLen)
            throw new InputException($"prefill {prefill} pads to {PrefillBucket(prefill)} tokens, beyond MAX_LEN {maxLen}");
        if (prefill + decode > maxLen)
            throw new InputException($"prefill {prefill} + decode {decode} = {prefill + decode} tokens exceeds MAX_LEN {maxLen}");
    }

    private static int Align(int x, int a) => (x + a - 1) / a * a;
}
