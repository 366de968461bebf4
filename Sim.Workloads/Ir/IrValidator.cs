using Sim.Core.Errors;

namespace Sim.Workloads.Ir;

/// <summary>
/// The structural checks of spec §1.4: the assertions of the artifact's instruction generator,
/// plus the schema rules (structure keys per type, where <c>param</c> may appear, dtypes, unique
/// names). Deliberately no name→shape consistency across layers: the same tensor name appears
/// with different views (spec §1.5). Errors name the file, line and layer.
/// </summary>
public static class IrValidator
{
    /// <summary>FSB_BLOCK_SIZE: linear N and K must be whole 16×16 blocks.</summary>
    public const int Block = 16;

    public static readonly IReadOnlyList<string> LinearMaskModes = ["none", "fsb"];
    public static readonly IReadOnlyList<string> AttentionMmMaskModes = ["qkt", "qktv"];
    public static readonly IReadOnlyList<string> EltwiseTypes = ["eltwise_mul", "eltwise_add"];

    /// <summary>Throws <see cref="InputException"/> at the first violation.</summary>
    /// <param name="lines">Where the layers were in the file (null for a generated program).</param>
    public static void Validate(IrProgram program, IrSourceMap? lines = null) =>
        new Checker(program, lines).Run();

    private sealed class Checker(IrProgram program, IrSourceMap? lines)
    {
        private int _i;
        private IrLayer _l = null!;
        private int? _heads;
        private int _headsLayer;

        public void Run()
        {
            var names = new Dictionary<string, int>(program.Layers.Count, StringComparer.Ordinal);
            for (_i = 0; _i < program.Layers.Count; _i++)
            {
                _l = program.Layers[_i];
                if (!names.TryAdd(_l.Name, _i))
                    throw Fail($"duplicate layer name (first used by layer #{names[_l.Name]}{LineNote(names[_l.Name])})");
                CheckTensors();
                CheckStructureKeys();
                CheckParamPresence();
                switch (_l.Type)
                {
                    case LayerType.Input: Count(0, null); break;
                    case LayerType.Output: Count(null, 0); break;
                    case LayerType.Layernorm: Layernorm(); break;
                    case LayerType.LinearMm or LayerType.LinearMv: Linear(); break;
                    case LayerType.AttentionMm or LayerType.AttentionMv: Attention(); break;
                    case LayerType.Eltwise: Eltwise(); break;
                    case LayerType.Softmax: Softmax(); break;
                    case LayerType.Silu: Silu(); break;
                    case LayerType.Concat: Concat(); break;
                }
            }
        }

        // ---- errors -----------------------------------------------------------------------

        private string LineNote(int layer) => lines is null ? "" : $", line {lines.Layer(layer)}";

        private InputException Fail(string message, int? line = null) =>
            new($"layer '{_l.Name}' ({LayerTypeNames.ToYaml(_l.Type)}): {message}",
                lines?.File, line ?? lines?.Layer(_i));

        private int? TensorLine(TensorRole role, int index) => lines?.Tensor(_i, role, index);
        private int? StructureLine => lines?.Structure(_i);

        private static string S(Shape3 s) => s.ToString();

        // ---- schema -----------------------------------------------------------------------

        private void CheckTensors()
        {
            Check(_l.Inputs, TensorRole.Input, "input");
            Check(_l.Outputs, TensorRole.Output, "output");
            if (_l.Params is not null) Check(_l.Params, TensorRole.Param, "param");

            void Check(IReadOnlyList<IrTensor> list, TensorRole role, string what)
            {
                for (int k = 0; k < list.Count; k++)
                {
                    var t = list[k];
                    if (t.Name.Length == 0) throw Fail($"{what}[{k}] has an empty name", TensorLine(role, k));
                    if (t.DType is not (IrDTypes.Int8 or IrDTypes.Int32 or IrDTypes.Bool))
                        throw Fail($"{what}[{k}] '{t.Name}': unknown dtype '{t.DType}' (allowed: {string.Join(", ", IrDTypes.All)})", TensorLine(role, k));
                    if (t.Shape.B < 1 || t.Shape.M < 1 || t.Shape.K < 1)
                        throw Fail($"{what}[{k}] '{t.Name}': shape {S(t.Shape)} has a dimension below 1", TensorLine(role, k));
                    if (t.Shape.B > IrLimits.MaxDimension || t.Shape.M > IrLimits.MaxDimension || t.Shape.K > IrLimits.MaxDimension)
                        throw Fail($"{what}[{k}] '{t.Name}': shape {S(t.Shape)} has a dimension above the limit of {IrLimits.MaxDimension}", TensorLine(role, k));
                    long bytes = (long)t.Shape.B * t.Shape.M * t.Shape.K * IrLimits.BytesPerElement(t.DType);
                    if (bytes > IrLimits.MaxTensorBytes)
                        throw Fail($"{what}[{k}] '{t.Name}': shape {S(t.Shape)} of {t.DType} is {bytes:N0} bytes, more than the VHK158's {IrLimits.MaxTensorBytes:N0} bytes of HBM", TensorLine(role, k));
                    if (t.Sparsity is { } sp && !(sp.Ratio > 0 && sp.Ratio <= 1))
                        throw Fail($"{what}[{k}] '{t.Name}': sparse_ratio {sp.Ratio} must be in (0, 1]", TensorLine(role, k));
                }
            }
        }

        private void CheckStructureKeys()
        {
            var s = _l.Structure;
            var present = new List<string>();
            if (s.BiasFlag is not null) present.Add("bias_flag");
            if (s.RmsFlag is not null) present.Add("RMS_flag");
            if (s.MaskMode is not null) present.Add("mask_mode");
            if (s.ReluFlag is not null) present.Add("relu_flag");
            if (s.EltwiseType is not null) present.Add("eltwise_type");
            if (s.Dim is not null) present.Add("dim");
            string[] expected = _l.Type switch
            {
                LayerType.Input or LayerType.Output or LayerType.Silu => [],
                LayerType.Layernorm => ["bias_flag", "RMS_flag"],
                LayerType.LinearMm or LayerType.LinearMv or LayerType.AttentionMm or LayerType.AttentionMv => ["bias_flag", "mask_mode", "relu_flag"],
                LayerType.Eltwise => ["eltwise_type"],
                _ => ["dim"], // softmax, concat
            };
            var missing = expected.Except(present).ToList();
            var extra = present.Except(expected).ToList();
            if (missing.Count == 0 && extra.Count == 0) return;
            string want = expected.Length == 0 ? "an empty structure {}" : $"structure keys {string.Join(", ", expected)}";
            string problem = missing.Count > 0
                ? $"missing structure key{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(k => $"'{k}'"))}"
                : $"unexpected structure key{(extra.Count > 1 ? "s" : "")} {string.Join(", ", extra.Select(k => $"'{k}'"))}";
            throw Fail($"{problem}; this type takes {want}", StructureLine);
        }

        private void CheckParamPresence()
        {
            bool needs = _l.Type is LayerType.Layernorm || _l.Type.IsLinear() || _l.Type.IsAttention();
            if (needs && _l.Params is null) throw Fail("missing key 'param' (layernorm, linear_* and attention_* layers need it)");
            if (!needs && _l.Params is not null)
                throw Fail("has a 'param' key, which only layernorm, linear_* and attention_* layers may have (leave the key out)", TensorLine(TensorRole.Param, 0));
        }

        private void Count(int? inputs, int? outputs, int minInputs = 1, int minOutputs = 1)
        {
            if (inputs is { } ni ? _l.Inputs.Count != ni : _l.Inputs.Count < minInputs)
                throw Fail($"has {_l.Inputs.Count} input tensor{Plural(_l.Inputs.Count)}, expected {(inputs is { } n ? n.ToString() : $"at least {minInputs}")}");
            if (outputs is { } no ? _l.Outputs.Count != no : _l.Outputs.Count < minOutputs)
                throw Fail($"has {_l.Outputs.Count} output tensor{Plural(_l.Outputs.Count)}, expected {(outputs is { } n2 ? n2.ToString() : $"at least {minOutputs}")}");
        }

        private static string Plural(int n) => n == 1 ? "" : "s";

        // ---- per type ---------------------------------------------------------------------

        private void Layernorm()
        {
            Count(1, 1);
            var x = _l.Inputs[0];
            if (x.Shape.B != 1) throw Fail($"batch must be 1, input is {S(x.Shape)}", TensorLine(TensorRole.Input, 0));
            if (_l.Outputs[0].Shape != x.Shape)
                throw Fail($"output {S(_l.Outputs[0].Shape)} != input {S(x.Shape)}", TensorLine(TensorRole.Output, 0));
            bool bias = _l.Structure.BiasFlag!.Value;
            int want = bias ? 2 : 1;
            if (_l.Params!.Count != want)
                throw Fail($"has {_l.Params.Count} params, expected {want} ({(bias ? "scale, bias" : "scale")}, bias_flag {Lower(bias)})", TensorLine(TensorRole.Param, 0));
            var vec = new Shape3(1, 1, x.Shape.K);
            for (int k = 0; k < want; k++)
                if (_l.Params[k].Shape != vec)
                    throw Fail($"param[{k}] '{_l.Params[k].Name}' is {S(_l.Params[k].Shape)}, expected {S(vec)}", TensorLine(TensorRole.Param, k));
        }

        private void Linear()
        {
            Count(1, 1);
            var x = _l.Inputs[0];
            if (_l.Params!.Count == 0) throw Fail("has no params; param[0] must be the weight [1, K, N]");
            var w = _l.Params[0];
            if (x.Shape.B != 1) throw Fail($"batch must be 1, input is {S(x.Shape)}", TensorLine(TensorRole.Input, 0));
            if (w.Shape.B != 1) throw Fail($"weight '{w.Name}' must be [1, K, N], is {S(w.Shape)}", TensorLine(TensorRole.Param, 0));
            int m = x.Shape.M, k = x.Shape.K, n = w.Shape.K;
            if (k != w.Shape.M) throw Fail($"input K {k} != weight K {w.Shape.M}", TensorLine(TensorRole.Input, 0));
            var want = new Shape3(1, m, n);
            if (_l.Outputs[0].Shape != want)
                throw Fail($"output {S(_l.Outputs[0].Shape)} != [1, M, N] = {S(want)}", TensorLine(TensorRole.Output, 0));
            if (n % Block != 0) throw Fail($"N {n} is not a multiple of {Block}", TensorLine(TensorRole.Param, 0));
            if (k % Block != 0) throw Fail($"K {k} is not a multiple of {Block}", TensorLine(TensorRole.Param, 0));
            if (_l.Type == LayerType.LinearMm && m <= 1) throw Fail($"linear_mm needs M > 1, input is {S(x.Shape)} (use linear_mv for one row)", TensorLine(TensorRole.Input, 0));
            if (_l.Type == LayerType.LinearMv && m != 1) throw Fail($"linear_mv needs M == 1, input is {S(x.Shape)} (use linear_mm for several rows)", TensorLine(TensorRole.Input, 0));

            var mode = _l.Structure.MaskMode!;
            if (!LinearMaskModes.Contains(mode))
                throw Fail($"mask_mode '{mode}' is not one of {string.Join(", ", LinearMaskModes)}", StructureLine);
            bool bias = _l.Structure.BiasFlag!.Value, fsb = mode == "fsb";
            int expected = 1 + (bias ? 1 : 0) + (fsb ? 2 : 0);
            if (_l.Params.Count != expected)
                throw Fail($"has {_l.Params.Count} params, expected {expected} ({string.Join(", ", ParamNames(bias, fsb))}) for bias_flag {Lower(bias)}, mask_mode {mode}",
                    TensorLine(TensorRole.Param, 0));
            int p = 1;
            if (bias)
            {
                var b = _l.Params[p];
                if (b.Shape != new Shape3(1, 1, n)) throw Fail($"bias '{b.Name}' is {S(b.Shape)}, expected {S(new Shape3(1, 1, n))}", TensorLine(TensorRole.Param, p));
                p++;
            }
            if (fsb)
            {
                var meta = _l.Params[p];
                if (meta.Shape.B != 1 || meta.Shape.M != 1) throw Fail($"meta '{meta.Name}' is {S(meta.Shape)}, expected [1, 1, *]", TensorLine(TensorRole.Param, p));
                var f = _l.Params[p + 1];
                var fs = new Shape3(1, k / Block, n / Block);
                if (f.Shape != fs) throw Fail($"fsb '{f.Name}' is {S(f.Shape)}, expected [1, K/16, N/16] = {S(fs)}", TensorLine(TensorRole.Param, p + 1));
            }
        }

        private static IEnumerable<string> ParamNames(bool bias, bool fsb)
        {
            yield return "weight";
            if (bias) yield return "bias";
            if (fsb) { yield return "meta"; yield return "fsb"; }
        }

        private void Attention()
        {
            Count(2, 1);
            var a = _l.Inputs[0].Shape;
            var b = _l.Inputs[1].Shape;
            var o = _l.Outputs[0].Shape;
            // Grouped-query attention: input[1] (K or V) may have fewer heads, each serving a group of query heads.
            if (a.B != o.B || a.B % b.B != 0)
                throw Fail($"batch differs: inputs {S(a)} and {S(b)}, output {S(o)} (input[1]'s heads must divide input[0]'s, which the output keeps)", TensorLine(TensorRole.Input, 0));
            if (a.K != b.M) throw Fail($"inner dimensions differ: input[0] {S(a)} has K {a.K}, input[1] {S(b)} has {b.M} rows", TensorLine(TensorRole.Input, 1));
            var want = new Shape3(a.B, a.M, b.K);
            if (o != want) throw Fail($"output {S(o)} != [B, M, N] = {S(want)}", TensorLine(TensorRole.Output, 0));
            if (_l.Params!.Count != 1)
                throw Fail($"has {_l.Params.Count} params, expected exactly 1 (the attention mask)", TensorLine(TensorRole.Param, 0));
            if (_l.Structure.ReluFlag == true) throw Fail("relu_flag must be false for attention", StructureLine);
            if (_l.Structure.BiasFlag == true) throw Fail("bias_flag must be false for attention", StructureLine);
            var mode = _l.Structure.MaskMode!;
            if (_l.Type == LayerType.AttentionMm)
            {
                if (a.M <= 1) throw Fail($"attention_mm needs M > 1, input[0] is {S(a)} (use attention_mv for one row)", TensorLine(TensorRole.Input, 0));
                if (!AttentionMmMaskModes.Contains(mode))
                    throw Fail($"mask_mode '{mode}' is not one of {string.Join(", ", AttentionMmMaskModes)}", StructureLine);
                if (mode == "qkt" && b.K != a.M) throw Fail($"qkt needs N == M, got N {b.K}, M {a.M}", TensorLine(TensorRole.Input, 1));
                if (mode == "qktv" && a.M != a.K) throw Fail($"qktv needs M == K, got M {a.M}, K {a.K}", TensorLine(TensorRole.Input, 0));
            }
            else
            {
                if (a.M != 1) throw Fail($"attention_mv needs M == 1, input[0] is {S(a)} (use attention_mm for several rows)", TensorLine(TensorRole.Input, 0));
                if (mode != "none") throw Fail($"attention_mv needs mask_mode none, got '{mode}'", StructureLine);
            }
            if (_heads is null) { _heads = a.B; _headsLayer = _i; }
        }

        private void Softmax()
        {
            Count(1, 1);
            var x = _l.Inputs[0].Shape;
            if (_l.Structure.Dim != 2) throw Fail($"dim must be 2 (the last axis), got {_l.Structure.Dim}", StructureLine);
            if (_l.Outputs[0].Shape != x) throw Fail($"output {S(_l.Outputs[0].Shape)} != input {S(x)}", TensorLine(TensorRole.Output, 0));
            // The artifact asserts batch 32, LLaMA2-7B's head count; here: the head count of this file's attention.
            if (_heads is { } h && x.B != h)
                throw Fail($"batch {x.B} != the attention head count {h} (the batch of layer '{program.Layers[_headsLayer].Name}'{LineNote(_headsLayer)})",
                    TensorLine(TensorRole.Input, 0));
        }

        private void Eltwise()
        {
            Count(2, 1);
            var a = _l.Inputs[0].Shape;
            if (_l.Inputs[1].Shape != a) throw Fail($"inputs differ in shape: {S(a)} and {S(_l.Inputs[1].Shape)}", TensorLine(TensorRole.Input, 1));
            if (_l.Outputs[0].Shape != a) throw Fail($"output {S(_l.Outputs[0].Shape)} != input {S(a)}", TensorLine(TensorRole.Output, 0));
            var et = _l.Structure.EltwiseType!;
            if (!EltwiseTypes.Contains(et)) throw Fail($"eltwise_type '{et}' is not one of {string.Join(", ", EltwiseTypes)}", StructureLine);
        }

        private void Silu()
        {
            Count(1, 1);
            if (_l.Outputs[0].Shape != _l.Inputs[0].Shape)
                throw Fail($"output {S(_l.Outputs[0].Shape)} != input {S(_l.Inputs[0].Shape)}", TensorLine(TensorRole.Output, 0));
        }

        private void Concat()
        {
            Count(2, 1);
            if (_l.Structure.Dim != 1) throw Fail($"dim must be 1 (concatenate along M), got {_l.Structure.Dim}", StructureLine);
            var past = _l.Inputs[0].Shape;
            var add = _l.Inputs[1].Shape;
            if (add.M != 1) throw Fail($"input[1] must have M == 1 (one new token), is {S(add)}", TensorLine(TensorRole.Input, 1));
            if (add.B != past.B || add.K != past.K)
                throw Fail($"inputs {S(past)} and {S(add)} differ outside dim 1", TensorLine(TensorRole.Input, 1));
            var want = new Shape3(past.B, past.M + add.M, past.K);
            if (_l.Outputs[0].Shape != want)
                throw Fail($"output {S(_l.Outputs[0].Shape)} != {S(want)}", TensorLine(TensorRole.Output, 0));
        }

        private static string Lower(bool b) => b ? "true" : "false";
    }
}
