using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// FlightLLM's always-on-chip decode (paper §memory hierarchy): in decode a layer's output stays in
/// the on-chip buffers as the next layer's input, so one token's activation vectors never go to
/// HBM; only weights and the KV cache stream from it. With it on, loads and stores of
/// <see cref="Operand.ActivationVector"/> move over the on-chip path (the SFUs forward results to
/// the other cores' SFUs) at <see cref="BytesPerCycle"/>.
/// </summary>
public sealed record OnChipDecode(bool Enabled, double BytesPerCycle)
{
    public const string EnabledOption = "on_chip_decode";
    public const string BytesPerCycleOption = "on_chip_bytes_per_cycle";

    public static IReadOnlyList<ComponentOption> Declared { get; } =
    [
        new(EnabledOption, 0, "1: decode activations stay on chip across layers (always-on-chip decode); 0: they go through HBM as compiled", Min: 0, Max: 1),
        new(BytesPerCycleOption, 64, "bytes per cycle an on-chip activation move takes (buffer to buffer, SFU to SFU)", Min: 1e-3, Max: 1e9),
    ];

    public static OnChipDecode From(ComponentOptions o) => new(o[EnabledOption] >= 0.5, o[BytesPerCycleOption]);

    /// <summary>True when <paramref name="i"/> stays on chip.</summary>
    public bool Keeps(in Instruction i) => Enabled && i.Operand == Operand.ActivationVector && i.Module is Module.LD or Module.ST;

    /// <summary>Cycles an on-chip move of <paramref name="bytes"/> takes (at least one).</summary>
    public double Cycles(double bytes) => Math.Max(1, Math.Ceiling(bytes / BytesPerCycle));
}
