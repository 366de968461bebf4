using YamlDotNet.Serialization;

namespace Sim.Workloads.Models;

/// <summary>
/// A decoder-only model description (<c>configs/models/*.yaml</c>), shared by the IR generator
/// and the GPU backends. Two families, named as Hugging Face's <c>model_type</c>: <c>llama</c>
/// (RMSNorm, SiLU-gated FFN, rotary positions, no linear biases; LLaMA-2, LLaMA-3) and <c>opt</c>
/// (pre-LN LayerNorm, ReLU FFN, learned positions offset by 2, biases on every linear). Nothing
/// about LLaMA2-7B is hard-coded elsewhere.
/// </summary>
public sealed class ModelDescription
{
    /// <summary>Display name, e.g. "llama2-7b".</summary>
    [YamlMember(Alias = "name")] public string Name { get; set; } = "";
    /// <summary>The family: "llama" (default) or "opt" (see <see cref="Families"/>).</summary>
    [YamlMember(Alias = "model_type")] public string ModelType { get; set; } = "llama";
    /// <summary>The FFN activation: "silu" (gated, the LLaMA default) or "relu" (OPT); empty: the family's.</summary>
    [YamlMember(Alias = "hidden_act")] public string HiddenAct { get; set; } = "";
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
    /// <summary>LayerNorm epsilon of the <c>opt</c> family (PyTorch's nn.LayerNorm default).</summary>
    [YamlMember(Alias = "layer_norm_eps")] public double LayerNormEps { get; set; } = 1e-5;
    /// <summary>Biases on every linear layer of the GPU model (OPT: true); null: the family's.</summary>
    [YamlMember(Alias = "enable_bias")] public bool? EnableBias { get; set; }
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

    /// <summary>The model families known to every stage.</summary>
    public static readonly IReadOnlyList<string> Families = ["llama", "opt"];

    /// <summary>OPT family: LayerNorm (with bias), ReLU FFN without gate, learned positions, linear biases.</summary>
    public bool IsOpt => ModelType == "opt";

    /// <summary>The FFN activation in effect: <see cref="HiddenAct"/>, else the family's ("relu" for OPT, "silu" otherwise).</summary>
    public string Activation => HiddenAct is { Length: > 0 } a ? a : IsOpt ? "relu" : "silu";

    /// <summary>A gated FFN (gate, up and down projections) for LLaMA; OPT has fc1 and fc2 only.</summary>
    public bool GatedFfn => !IsOpt;

    /// <summary>LayerNorm (mean and variance, weight and bias) for OPT, RMSNorm (weight only) otherwise.</summary>
    public bool UsesLayerNorm => IsOpt;

    /// <summary>The epsilon of the family's norm.</summary>
    public double NormEps => UsesLayerNorm ? LayerNormEps : RmsNormEps;

    /// <summary>Biases on the linear layers in effect (OPT: yes unless <c>enable_bias: false</c>).</summary>
    public bool LinearBias => EnableBias ?? IsOpt;

    /// <summary>Learned absolute positions (OPT) instead of rotary embeddings.</summary>
    public bool LearnedPositions => IsOpt;

    /// <summary>
    /// OPT's learned position table starts at row 2 (Hugging Face's OPTLearnedPositionalEmbedding,
    /// kept from fairseq's padding offset): position p reads row p + 2, so the table has
    /// max_position_embeddings + 2 rows.
    /// </summary>
    public int PositionOffset => LearnedPositions ? 2 : 0;

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
