using Sim.Core.Errors;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks;

namespace Sim.Vhk158.Compiler;

/// <summary>
/// What every layer generator needs: the config, its generator constants (spec §3.3), the masks
/// and the IR's source name for error messages. One per compilation, used by one thread at a time.
/// </summary>
public sealed class CompilerContext
{
    public CompilerContext(HardwareConfig config, MaskSet? masks, string source)
    {
        Config = config;
        Masks = masks;
        Source = source;
        F = config.FsbBlockSize;
        Nmv = config.MvStartNNum / F;
        Ach = config.ABufferHbmChannelNum;
        Gch = config.GlobalBufferHbmChannelNum;
        if (Nmv <= 0 || Ach <= 0) throw new InputException($"MV_START_N_NUM ({config.MvStartNNum}) must be at least FSB_BLOCK_SIZE ({F}) and A_BUFFER_HBM_CHANNEL_NUM positive", source);
        Loops = Tiling.CeilDiv(Nmv, Ach);
    }

    public HardwareConfig Config { get; }
    public MaskSet? Masks { get; }
    public string Source { get; }

    /// <summary>FSB_BLOCK_SIZE: the engines work on F×F blocks.</summary>
    public int F { get; }
    /// <summary>N blocks per MV: MV_START_N_NUM // F.</summary>
    public int Nmv { get; }
    /// <summary>A-buffer HBM channels.</summary>
    public int Ach { get; }
    /// <summary>Global-buffer HBM channels.</summary>
    public int Gch { get; }
    /// <summary>cdiv(nmv, ACH): loads per channel per MV.</summary>
    public int Loops { get; }

    private (AttentionMask Mask, int Rep, int Rows, int Cols, AttentionMask Expanded)? _lastExpanded;

    /// <summary>
    /// <paramref name="mask"/> expanded and cropped (<see cref="AttentionMask.ExpandAndCrop(int, int, int)"/>),
    /// valid until the next call: a layer's two prefill attentions (q·Kᵀ and ·V) read the same
    /// mask at the same size, so the last one is remembered, and the next layer's is written
    /// over it (half a megabyte each at L = 2048).
    /// </summary>
    public AttentionMask Expanded(AttentionMask mask, int rep, int rows, int cols)
    {
        if (_lastExpanded is { } last && ReferenceEquals(last.Mask, mask) && last.Rep == rep && last.Rows == rows && last.Cols == cols)
            return last.Expanded;
        var expanded = mask.ExpandAndCrop(rep, rows, cols, _lastExpanded?.Expanded);
        _lastExpanded = (mask, rep, rows, cols, expanded);
        return expanded;
    }

    /// <summary>An error about one layer: names the file, the layer and what failed.</summary>
    public InputException Error(IrLayer layer, string message) =>
        new($"layer '{layer.Name}' ({LayerTypeNames.ToYaml(layer.Type)}): {message}", Source);

    public void Require(bool condition, IrLayer layer, Func<string> message)
    {
        if (!condition) throw Error(layer, message());
    }
}
