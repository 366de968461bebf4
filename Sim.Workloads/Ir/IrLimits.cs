namespace Sim.Workloads.Ir;

/// <summary>
/// What an IR may ask for before anything is compiled or allocated: every dimension at most
/// <see cref="MaxDimension"/> (LLaMA-family models use up to 128K-token contexts and vocabularies)
/// and every tensor at most <see cref="MaxTensorBytes"/>, the VHK158's 32 GiB of HBM, beyond
/// which no bucket could run on the board.
/// </summary>
public static class IrLimits
{
    public const int MaxDimension = 1 << 20;
    public const long MaxTensorBytes = 32L << 30;

    /// <summary>A cap on an IR file's size: the reference's largest bucket is a few MB.</summary>
    public const long MaxFileBytes = 256L << 20;

    public static int BytesPerElement(string dtype) => dtype == IrDTypes.Int32 ? 4 : 1;
}
