namespace Sim.Workloads.Models;

/// <summary>
/// Upper bounds on a model description's sizes: several times the largest LLaMA-family models
/// (LLaMA-3 405B: 126 layers, hidden 16,384, MLP 53,248, vocabulary 128,256), and low enough that
/// generating IR for them stays within memory instead of running for minutes into OutOfMemory.
/// </summary>
public static class ModelLimits
{
    public const int MaxLayers = 1024;
    public const int MaxHiddenSize = 1 << 16;
    public const int MaxIntermediateSize = 1 << 18;
    public const int MaxAttentionHeads = 1024;
    public const int MaxVocabSize = 1 << 20;
    public const int MaxPositions = 1 << 20;
}
