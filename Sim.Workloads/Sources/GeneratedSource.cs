using Sim.Workloads.Ir;
using Sim.Workloads.Masks;
using Sim.Workloads.Models;

namespace Sim.Workloads.Sources;

/// <summary>IR built by the generator from a model description; masks given or synthetic.</summary>
public sealed class GeneratedSource : IWorkloadSource
{
    private readonly ModelDescription _model;
    private readonly IrGenerator _generator;
    private readonly Lazy<MaskSet?> _masks;
    private readonly Lazy<string> _modelText;

    public GeneratedSource(ModelDescription model, MaskSet? masks) : this(model, new Lazy<MaskSet?>(masks))
    {
    }

    private GeneratedSource(ModelDescription model, Lazy<MaskSet?> masks)
    {
        _model = model;
        _generator = new IrGenerator(model);
        _masks = masks;
        _modelText = new Lazy<string>(() => ModelFingerprint.Of(model), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A source whose masks are made on first use: decode never reads them, and synthetic ones take a while to make.</summary>
    public static GeneratedSource WithMasksOnFirstUse(ModelDescription model, Func<MaskSet?> masks) =>
        new(model, new Lazy<MaskSet?>(masks, LazyThreadSafetyMode.ExecutionAndPublication));

    public string Prefix => _model.FilePrefix;
    public MaskSet? Masks => _masks.Value;

    public string Describe(Stage stage, int tokens) => $"generated {IrProgram.FileName(stage, tokens, Prefix)} ({_model.Name})";

    public IrProgram Load(Stage stage, int tokens) => _generator.Generate(stage, tokens);

    /// <summary>The generator's inputs: every field of the model description, the stage and L.</summary>
    public string ContentKey(Stage stage, int tokens) =>
        $"generated IR\nstage {stage}\ntokens {tokens}\nmodel\n{_modelText.Value}";
}
