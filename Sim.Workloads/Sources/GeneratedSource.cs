using Sim.Workloads.Ir;
using Sim.Workloads.Masks;
using Sim.Workloads.Models;
using YamlDotNet.Serialization;

namespace Sim.Workloads.Sources;

/// <summary>IR built by the generator from a model description; masks given or synthetic.</summary>
public sealed class GeneratedSource : IWorkloadSource
{
    private readonly ModelDescription _model;
    private readonly IrGenerator _generator;
    private readonly Lazy<string> _modelText;

    public GeneratedSource(ModelDescription model, MaskSet? masks)
    {
        _model = model;
        _generator = new IrGenerator(model);
        Masks = masks;
        _modelText = new Lazy<string>(() => new SerializerBuilder().Build().Serialize(model));
    }

    public string Prefix => _model.FilePrefix;
    public MaskSet? Masks { get; }

    public string Describe(Stage stage, int tokens) => $"generated {IrProgram.FileName(stage, tokens, Prefix)} ({_model.Name})";

    public IrProgram Load(Stage stage, int tokens) => _generator.Generate(stage, tokens);

    /// <summary>The generator's inputs: every field of the model description, the stage and L.</summary>
    public string ContentKey(Stage stage, int tokens) =>
        $"generated IR\nstage {stage}\ntokens {tokens}\nmodel\n{_modelText.Value}";
}
