using YamlDotNet.Serialization;

namespace Sim.Workloads.Models;

/// <summary>
/// A LLaMA-family model description (<c>configs/models/*.yaml</c>), shared by the IR generator
/// and the GPU backends. Nothing about LLaMA2-7B is hard-coded elsewhere.
/// </summary>
public sealed class ModelDescription
{
    /// <summary>Display name, e.g. "llama2-7b".</summary>
    [YamlMember(Alias = "name")] public string Name { get; set; } = "";
    /// <summary>Prefix of generated IR file names (the reference uses "llama2").</summary>
    [YamlMember(Alias = "file_prefix")] public string FilePrefix { get; set; } = "llama2";
    [YamlMember(Alias = "hidden_size")] public int HiddenSize { get; set; }
    [YamlMember(Alias = "intermediate_size")] public int IntermediateSize { get; set; }
    [YamlMember(Alias = "num_attention_heads")] public int NumAttentionHeads { get; set; }
    /// <summary>Key/value heads (grouped-query attention when fewer than the query heads); 0 or absent: as many as query heads.</summary>
    [YamlMember(Alias = "num_key_value_heads")] public int NumKeyValueHeads { get; set; }
    [YamlMember(Alias = "num_hidden_layers")] public int NumHiddenLayers { get; set; }
    [YamlMember(Alias = "vocab_size")] public int VocabSize { get; set; }
    [YamlMember(Alias = "rms_norm_eps")] public double RmsNormEps { get; set; } = 1e-5;
    [YamlMember(Alias = "rope_theta")] public double RopeTheta { get; set; } = 10000;
    /// <summary>Maximum context the GPU backends allocate for.</summary>
    [YamlMember(Alias = "max_position_embeddings")] public int MaxPositionEmbeddings { get; set; } = 2048;

    /// <summary>Per-projection weight density in the FPGA IR (1 = dense; &lt;1 = sparse, e.g. 0.7).</summary>
    [YamlMember(Alias = "sparsity")] public ProjectionSparsity Sparsity { get; set; } = new();

    /// <summary>
    /// Which projections carry an int32 bias in the FPGA IR (the reference: q, k, v, o). Names as
    /// in <see cref="ProjectionNames"/>.
    /// </summary>
    [YamlMember(Alias = "ir_bias")] public List<string> IrBias { get; set; } = new();

    /// <summary>
    /// The attention-mask layout block in tokens (MASK_LAYOUT_BLOCK_SIZE). The IR writes each
    /// attention layer's mask param with the shape [heads, block, block]; the reference writes
    /// [32, 64, 64]. Nothing reads that shape (spec §2.1), so it is descriptive only.
    /// </summary>
    [YamlMember(Alias = "ir_mask_block")] public int IrMaskBlock { get; set; } = 64;

    /// <summary>The projection names used by <see cref="Sparsity"/> and <see cref="IrBias"/>.</summary>
    public static readonly IReadOnlyList<string> ProjectionNames =
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"];

    public int HeadDim => HiddenSize / NumAttentionHeads;

    /// <summary>Key/value heads in effect: <see cref="NumKeyValueHeads"/>, or the query heads when it is not set.</summary>
    public int KeyValueHeads => NumKeyValueHeads > 0 ? NumKeyValueHeads : NumAttentionHeads;

    /// <summary>Width of the k and v projections' outputs: key/value heads × head dimension.</summary>
    public int KeyValueSize => KeyValueHeads * HeadDim;
}

/// <summary>Density of each projection's weights; 1 means dense.</summary>
public sealed class ProjectionSparsity
{
    [YamlMember(Alias = "q_proj")] public double QProj { get; set; } = 1;
    [YamlMember(Alias = "k_proj")] public double KProj { get; set; } = 1;
    [YamlMember(Alias = "v_proj")] public double VProj { get; set; } = 1;
    [YamlMember(Alias = "o_proj")] public double OProj { get; set; } = 1;
    [YamlMember(Alias = "gate_proj")] public double GateProj { get; set; } = 1;
    [YamlMember(Alias = "up_proj")] public double UpProj { get; set; } = 1;
    [YamlMember(Alias = "down_proj")] public double DownProj { get; set; } = 1;
    [YamlMember(Alias = "lm_head")] public double LmHead { get; set; } = 1;

    /// <summary>The density of a projection by its name in <see cref="ModelDescription.ProjectionNames"/>.</summary>
    public double Of(string projection) => projection switch
    {
        "q_proj" => QProj, "k_proj" => KProj, "v_proj" => VProj, "o_proj" => OProj,
        "gate_proj" => GateProj, "up_proj" => UpProj, "down_proj" => DownProj, "lm_head" => LmHead,
        _ => throw new ArgumentException($"unknown projection '{projection}'", nameof(projection)),
    };
}
