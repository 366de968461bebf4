using Sim.Core.Errors;
using System.Text;
using Sim.Core.IO;
using Sim.Workloads.Yaml;
using Sim.Workloads.Ir.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sim.Workloads.Ir;

/// <summary>A parsed IR file: the program and where each part of it was in the text.</summary>
public sealed record IrParseResult(IrProgram Program, IrSourceMap Lines);

/// <summary>
/// Reads IR YAML (spec §1) into the typed model. Text in the exact block layout PyYAML writes
/// (every reference file) is read by <see cref="PyYamlBlockReader"/> at file speed; anything else,
/// errors included, by the reader below. It walks YamlDotNet's low-level event stream and
/// builds the records directly (no reflection), so any YAML spelling of the schema is accepted:
/// block or flow style, quoted or plain scalars, keys in any order, anchors and aliases. Plain
/// scalars are typed by YAML 1.1 rules as PyYAML does. Every error is an
/// <see cref="InputException"/> naming the file, the line and the layer.
/// </summary>
public static class IrReader
{
    /// <summary>Reads and validates an IR file (the usual entry point).</summary>
    public static IrProgram ReadFile(string path)
    {
        var result = ParseFile(path);
        IrValidator.Validate(result.Program, result.Lines);
        return result.Program;
    }

    /// <summary>Reads and validates IR text; <paramref name="file"/> only names it in errors.</summary>
    public static IrProgram Read(string yaml, string? file = null)
    {
        var result = Parse(yaml, file);
        IrValidator.Validate(result.Program, result.Lines);
        return result.Program;
    }

    /// <summary>Parses an IR file without the structural checks of <see cref="IrValidator"/>.</summary>
    public static IrParseResult ParseFile(string path)
    {
        var bytes = InputFile.ReadAllBytes(path, IrLimits.MaxFileBytes, "IR file");
        if (PyYamlBlockReader.TryRead(bytes, path) is var (layers, lines)) return Finish(layers, lines, path);
        return ParseWithYamlDotNet(DecodeUtf8(bytes), path);
    }

    /// <summary>Parses IR text without the structural checks of <see cref="IrValidator"/>.</summary>
    public static IrParseResult Parse(string yaml, string? file = null)
    {
        // The fast reader takes UTF-8; the reference files are ASCII, so this copy is cheap.
        if (PyYamlBlockReader.TryRead(Encoding.UTF8.GetBytes(yaml), file) is var (layers, lines)) return Finish(layers, lines, file);
        return ParseWithYamlDotNet(yaml, file);
    }

    /// <summary>
    /// Parses with YamlDotNet's event stream alone, whatever the layout (what <see cref="Parse"/>
    /// falls back to when the text is not in PyYAML's block layout); for tests that compare the two readers.
    /// </summary>
    internal static IrParseResult ParseWithYamlDotNet(string yaml, string? file = null) => new Session(yaml, file).Run();

    /// <summary>PyYAML's block layout only (see <see cref="PyYamlBlockReader"/>), or null; for tests.</summary>
    internal static IrParseResult? ParseFastPath(ReadOnlySpan<byte> utf8, string? file = null) =>
        PyYamlBlockReader.TryRead(utf8, file) is var (layers, lines) ? Finish(layers, lines, file) : null;

    private static IrParseResult Finish(List<IrLayer> layers, IrSourceMap lines, string? file)
    {
        var (stage, tokens) = InferStageAndTokens(layers, lines, file);
        return new IrParseResult(new IrProgram(stage, tokens, layers), lines);
    }

    private static string DecodeUtf8(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(span);
    }

    private sealed class Session
    {
        private static readonly string AllowedLayerKeys = "name, type, input, output, param, structure";
        private static readonly string AllowedTensorKeys = "name, shape, dtype, addr, sparse_flag, sparse_ratio";
        private static readonly string AllowedStructureKeys = "bias_flag, RMS_flag, mask_mode, relu_flag, eltwise_type, dim";

        private readonly string _text;
        private readonly string? _file;
        private readonly Parser _parser;
        private readonly IrSourceMap _map;
        private readonly Dictionary<string, object> _anchors = new(StringComparer.Ordinal);
        private ParsingEvent _cur = null!;

        // Context for error messages: the layer being read.
        private string? _layerName;
        private string? _layerType;
        private int _layerIndex = -1;
        private long _layerStartIndex;

        public Session(string text, string? file)
        {
            _text = text;
            _file = file;
            _parser = new Parser(new StringReader(text));
            _map = new IrSourceMap(file);
        }

        public IrParseResult Run()
        {
            List<IrLayer> layers;
            try
            {
                // The reader walks events without recursing, so only the characters need a check.
                YamlInputGuard.CheckCharacters(_text);
                layers = ReadDocument();
            }
            catch (YamlException e)
            {
                int line = (int)e.Start.Line;
                var msg = $"invalid YAML: {StripPosition(e.Message)}";
                if (LooksTruncated(line)) msg += $" (the file ends at line {LastLine}: is it truncated?)";
                throw new InputException(msg, _file, line, e);
            }
            return Finish(layers, _map, _file);
        }

        private int LastLine
        {
            get
            {
                int n = 1;
                foreach (char c in _text.AsSpan().TrimEnd('\n')) if (c == '\n') n++;
                return n;
            }
        }

        private bool LooksTruncated(int line) => line >= LastLine - 1;

        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the line is reported separately.
        private static string StripPosition(string message)
        {
            int i = message.IndexOf("): ", StringComparison.Ordinal);
            return message.StartsWith("(Line", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message;
        }

        private static int Line(ParsingEvent e) => (int)e.Start.Line;

        private void Advance()
        {
            bool more;
            try
            {
                more = _parser.MoveNext();
            }
            catch (Exception e) when (e is not YamlException)
            {
                // YamlDotNet's scanner fails on some broken input with InvalidOperationException.
                var at = _cur?.End ?? Mark.Empty;
                throw new YamlException(at, at, "the YAML cannot be parsed after this point", e);
            }
            if (!more)
                throw new InputException($"unexpected end of the YAML stream (the file ends at line {LastLine}: is it truncated?)", _file, LastLine);
            _cur = _parser.Current!;
        }

        private InputException Error(string message, int line, bool lastLayerHint = false)
        {
            string where = _layerIndex < 0 ? "" :
                _layerName is not null ? $"layer '{_layerName}'{(_layerType is null ? "" : $" ({_layerType})")}: " :
                $"layer #{_layerIndex}{(_layerType is null ? "" : $" ({_layerType})")}: ";
            if (lastLayerHint && _layerIndex >= 0 && IsLastBlockLayer())
                message += $" (this is the last layer and the file ends at line {LastLine}: is it truncated?)";
            return new InputException(where + message, _file, line);
        }

        // Block style only: no further top-level "- " item after the current layer's start.
        private bool IsLastBlockLayer() =>
            _text.IndexOf("\n- ", (int)Math.Min(_layerStartIndex + 1, _text.Length), StringComparison.Ordinal) < 0;

        private static string Describe(ParsingEvent e) => e switch
        {
            SequenceStart => "a list",
            MappingStart => "a mapping",
            Scalar s when s.Style == ScalarStyle.Plain && s.Value.Length == 0 => "nothing (null)",
            Scalar s => $"'{s.Value}'",
            SequenceEnd => "the end of a list",
            MappingEnd => "the end of a mapping",
            _ => "the end of the document",
        };

        // ---- document -------------------------------------------------------------------

        private List<IrLayer> ReadDocument()
        {
            Advance(); // StreamStart
            Advance();
            if (_cur is StreamEnd) throw new InputException("empty IR file: expected a list of layers", _file, 1);
            Advance(); // past DocumentStart
            if (_cur is not SequenceStart seq)
                throw Error($"expected a list of layers at the top level, found {Describe(_cur)}", Line(_cur));
            var layers = new List<IrLayer>(800);
            Advance();
            while (_cur is not SequenceEnd)
            {
                _layerIndex = layers.Count;
                _layerName = null;
                _layerType = null;
                layers.Add(ReadLayer());
            }
            _layerIndex = -1;
            Store(seq, layers);
            Advance(); // past SequenceEnd
            if (_cur is not DocumentEnd) throw Error("expected the end of the document", Line(_cur));
            Advance();
            if (_cur is DocumentStart) throw Error("more than one YAML document; an IR file holds one list of layers", Line(_cur));
            return layers;
        }

        // ---- anchors and aliases ----------------------------------------------------------

        private void Store(ParsingEvent start, object value)
        {
            if (start is NodeEvent n && !n.Anchor.IsEmpty) _anchors[n.Anchor.Value] = value;
        }

        private T Resolve<T>(AnchorAlias alias, string what) where T : class
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var v))
                throw Error($"alias *{alias.Value.Value} refers to no anchor defined before it", Line(alias));
            if (v is not T t)
                throw Error($"alias *{alias.Value.Value} refers to something that is not {what}", Line(alias));
            Advance();
            return t;
        }

        // ---- layer ------------------------------------------------------------------------

        private IrLayer ReadLayer()
        {
            _layerStartIndex = _cur.Start.Index;
            if (_cur is AnchorAlias alias)
            {
                _map.BeginLayer(Line(alias));
                return Resolve<IrLayer>(alias, "a layer");
            }
            if (_cur is not MappingStart start)
                throw Error($"expected a layer mapping ({AllowedLayerKeys}), found {Describe(_cur)}", Line(_cur));
            int line = Line(start);
            _map.BeginLayer(line);
            Advance();

            string? name = null, type = null;
            int typeLine = line;
            IReadOnlyList<IrTensor>? inputs = null, outputs = null, parms = null;
            IrStructure? structure = null;
            int seen = 0;
            while (_cur is not MappingEnd)
            {
                var (key, keyLine) = ReadKey(ref seen, LayerKeyBit, AllowedLayerKeys, "a layer has");
                switch (key)
                {
                    case "name": name = ReadString("the layer name"); _layerName = name; break;
                    case "type": typeLine = Line(_cur); type = ReadString("the layer type"); _layerType = type; break;
                    case "input": inputs = ReadTensorList(TensorRole.Input); break;
                    case "output": outputs = ReadTensorList(TensorRole.Output); break;
                    case "param": parms = ReadTensorList(TensorRole.Param); break;
                    default: structure = ReadStructure(); break;
                }
            }
            Advance(); // past MappingEnd

            if (name is null) throw Error("missing key 'name'", line, lastLayerHint: true);
            if (type is null) throw Error("missing key 'type'", line, lastLayerHint: true);
            if (inputs is null) throw Error("missing key 'input'", line, lastLayerHint: true);
            if (outputs is null) throw Error("missing key 'output'", line, lastLayerHint: true);
            if (structure is null) throw Error("missing key 'structure'", line, lastLayerHint: true);
            if (!LayerTypeNames.TryParse(type, out var layerType))
                throw Error($"unknown layer type '{type}' (allowed: {string.Join(", ", Enum.GetValues<LayerType>().Select(LayerTypeNames.ToYaml))})", typeLine);
            var layer = new IrLayer(name, layerType, inputs, outputs, parms, structure);
            Store(start, layer);
            return layer;
        }

        private static int LayerKeyBit(string key) => key switch
        {
            "name" => 1, "type" => 2, "input" => 4, "output" => 8, "param" => 16, "structure" => 32, _ => 0,
        };

        private static int StructureKeyBit(string key) => key switch
        {
            "bias_flag" => 1, "RMS_flag" => 2, "mask_mode" => 4, "relu_flag" => 8, "eltwise_type" => 16, "dim" => 32, _ => 0,
        };

        // Reads a mapping key, rejecting unknown and repeated keys (a bit per known key in seen).
        private (string Key, int Line) ReadKey(ref int seen, Func<string, int> bitOf, string allowed, string what)
        {
            if (_cur is not Scalar k)
                throw Error($"expected a key, found {Describe(_cur)}", Line(_cur));
            int line = Line(k);
            int bit = bitOf(k.Value);
            if (bit == 0) throw Error($"unknown key '{k.Value}' ({what} {allowed})", line);
            if ((seen & bit) != 0) throw Error($"duplicate key '{k.Value}'", line);
            seen |= bit;
            Advance();
            return (k.Value, line);
        }

        // ---- tensors ----------------------------------------------------------------------

        private IReadOnlyList<IrTensor> ReadTensorList(TensorRole role)
        {
            string what = role switch { TensorRole.Input => "input", TensorRole.Output => "output", _ => "param" };
            if (_cur is AnchorAlias alias)
            {
                int aliasLine = Line(alias);
                var list = Resolve<IReadOnlyList<IrTensor>>(alias, $"a list of tensors");
                foreach (var _ in list) _map.AddTensor(role, aliasLine);
                return list;
            }
            if (_cur is not SequenceStart start)
                throw Error($"'{what}' must be a list of tensors, found {Describe(_cur)}", Line(_cur), lastLayerHint: true);
            Advance();
            var tensors = new List<IrTensor>(3);
            while (_cur is not SequenceEnd) tensors.Add(ReadTensor(role, what, tensors.Count));
            Advance();
            IReadOnlyList<IrTensor> result = tensors;
            Store(start, result);
            return result;
        }

        private IrTensor ReadTensor(TensorRole role, string list, int index)
        {
            string where = $"{list}[{index}]";
            if (_cur is AnchorAlias alias)
            {
                _map.AddTensor(role, Line(alias));
                return Resolve<IrTensor>(alias, "a tensor");
            }
            if (_cur is not MappingStart start)
                throw Error($"{where}: expected a tensor mapping ({AllowedTensorKeys}), found {Describe(_cur)}", Line(_cur), lastLayerHint: true);
            int line = Line(start);
            _map.AddTensor(role, line);
            Advance();

            string? name = null, dtype = null;
            Shape3? shape = null;
            long? addr = null;
            bool? sparseFlag = null;
            (double Value, bool IsInteger)? ratio = null;
            // Tensor keys are few and fixed: a bit mask is cheaper than a set for duplicates.
            int seen = 0;
            while (_cur is not MappingEnd)
            {
                if (_cur is not Scalar k) throw Error($"{where}: expected a key, found {Describe(_cur)}", Line(_cur));
                int keyLine = Line(k);
                int bit = k.Value switch
                {
                    "name" => 1, "shape" => 2, "dtype" => 4, "addr" => 8, "sparse_flag" => 16, "sparse_ratio" => 32,
                    _ => throw Error($"{where}: unknown key '{k.Value}' (a tensor has {AllowedTensorKeys})", keyLine),
                };
                if ((seen & bit) != 0) throw Error($"{where}: duplicate key '{k.Value}'", keyLine);
                seen |= bit;
                Advance();
                switch (bit)
                {
                    case 1: name = ReadString($"{where} name"); break;
                    case 2: shape = ReadShape(where); break;
                    case 4: dtype = IrDTypes.Intern(ReadString($"{where} dtype")); break;
                    case 8: addr = ReadInt($"{where} addr"); break;
                    case 16: sparseFlag = ReadBool($"{where} sparse_flag"); break;
                    default: ratio = ReadNumber($"{where} sparse_ratio"); break;
                }
            }
            Advance();
            string named = name is null ? where : $"{where} '{name}'";
            if (name is null) throw Error($"{where}: missing key 'name'", line, lastLayerHint: true);
            if (shape is null) throw Error($"{named}: missing key 'shape'", line, lastLayerHint: true);
            if (dtype is null) throw Error($"{named}: missing key 'dtype'", line, lastLayerHint: true);
            if (addr is null) throw Error($"{named}: missing key 'addr'", line, lastLayerHint: true);
            if ((sparseFlag is null) != (ratio is null))
                throw Error($"{named}: 'sparse_flag' and 'sparse_ratio' go together; only '{(sparseFlag is null ? "sparse_ratio" : "sparse_flag")}' is present", line);
            Sparsity? sparsity = sparseFlag is { } f && ratio is { } r ? new Sparsity(f, r.Value, r.IsInteger) : null;
            var tensor = new IrTensor(name, shape.Value, dtype, addr.Value, sparsity);
            Store(start, tensor);
            return tensor;
        }

        private sealed class ShapeBox(Shape3 shape) { public readonly Shape3 Shape = shape; }

        private Shape3 ReadShape(string where)
        {
            if (_cur is AnchorAlias alias) return Resolve<ShapeBox>(alias, "a shape").Shape;
            if (_cur is not SequenceStart start)
                throw Error($"{where}: 'shape' must be a list of 3 integers [B, M, K], found {Describe(_cur)}", Line(_cur), lastLayerHint: true);
            int line = Line(start);
            Advance();
            Span<long> dims = stackalloc long[3];
            int n = 0;
            var extra = new List<long>();
            while (_cur is not SequenceEnd)
            {
                long v = ReadInt($"{where} shape[{n}]");
                if (n < 3) dims[n] = v; else extra.Add(v);
                n++;
            }
            Advance();
            if (n != 3)
            {
                var all = new List<long>();
                for (int i = 0; i < Math.Min(n, 3); i++) all.Add(dims[i]);
                all.AddRange(extra);
                throw Error($"{where}: shape [{string.Join(", ", all)}] has rank {n}; every IR tensor has rank 3 [B, M, K]", line, lastLayerHint: n < 3);
            }
            for (int i = 0; i < 3; i++)
                if (dims[i] > int.MaxValue || dims[i] < int.MinValue)
                    throw Error($"{where}: shape[{i}] = {dims[i]} is out of range", line);
            var shape = new Shape3((int)dims[0], (int)dims[1], (int)dims[2]);
            Store(start, new ShapeBox(shape));
            return shape;
        }

        // ---- structure --------------------------------------------------------------------

        private IrStructure ReadStructure()
        {
            if (_cur is AnchorAlias alias)
            {
                _map.SetStructure(Line(alias));
                return Resolve<IrStructure>(alias, "a structure mapping");
            }
            if (_cur is not MappingStart start)
                throw Error($"'structure' must be a mapping ({{}} when empty), found {Describe(_cur)}", Line(_cur), lastLayerHint: true);
            _map.SetStructure(Line(start));
            Advance();
            bool? bias = null, rms = null, relu = null;
            string? maskMode = null, eltwiseType = null;
            int? dim = null;
            int seen = 0;
            while (_cur is not MappingEnd)
            {
                var (key, keyLine) = ReadKey(ref seen, StructureKeyBit, AllowedStructureKeys, "known structure keys:");
                switch (key)
                {
                    case "bias_flag": bias = ReadBool("structure bias_flag"); break;
                    case "RMS_flag": rms = ReadBool("structure RMS_flag"); break;
                    case "mask_mode": maskMode = ReadString("structure mask_mode"); break;
                    case "relu_flag": relu = ReadBool("structure relu_flag"); break;
                    case "eltwise_type": eltwiseType = ReadString("structure eltwise_type"); break;
                    case "dim":
                        long d = ReadInt("structure dim");
                        dim = d is >= int.MinValue and <= int.MaxValue ? (int)d : throw Error($"structure dim {d} is out of range", keyLine);
                        break;
                }
            }
            Advance();
            var s = seen == 0 ? IrStructure.Empty : new IrStructure(bias, rms, maskMode, relu, eltwiseType, dim);
            Store(start, s);
            return s;
        }

        // ---- scalars ----------------------------------------------------------------------

        private Scalar ReadScalar(string what, string expected)
        {
            Scalar s;
            if (_cur is AnchorAlias alias) s = Resolve<Scalar>(alias, "a scalar");
            else if (_cur is Scalar sc)
            {
                s = sc;
                if (!s.Anchor.IsEmpty) _anchors[s.Anchor.Value] = s;
                Advance();
            }
            else throw Error($"{what}: expected {expected}, found {Describe(_cur)}", Line(_cur));
            return s;
        }

        // The explicit tag of a scalar, as "str", "int", ... ; null when untagged.
        private string? TagOf(Scalar s, string what)
        {
            if (s.Tag.IsEmpty) return null;
            if (s.Tag.IsNonSpecific) return "str";
            const string prefix = "tag:yaml.org,2002:";
            var tag = s.Tag.Value;
            if (tag.StartsWith(prefix, StringComparison.Ordinal))
            {
                var t = tag[prefix.Length..];
                if (t is "str" or "int" or "float" or "bool" or "null") return t;
            }
            throw Error($"{what}: unsupported tag '{tag}'", Line(s));
        }

        private string ReadString(string what)
        {
            var s = ReadScalar(what, "a string");
            var tag = TagOf(s, what);
            bool isNull = tag == "null" || (tag is null && s.Style == ScalarStyle.Plain && Yaml11Scalars.Resolve(s.Value) == "null");
            if (isNull) throw Error($"{what}: expected a string, found {(s.Value.Length == 0 ? "nothing (null)" : $"null '{s.Value}'")}", Line(s));
            return s.Value;
        }

        private long ReadInt(string what)
        {
            var s = ReadScalar(what, "an integer");
            var tag = TagOf(s, what);
            bool plain = s.Style == ScalarStyle.Plain;
            if ((tag == "int" || (tag is null && plain)) && Yaml11Scalars.TryParseInt(s.Value, out long v)) return v;
            if (tag == "str" || (tag is null && !plain))
                throw Error($"{what}: expected an integer, found the quoted string '{s.Value}'", Line(s));
            throw Error($"{what}: expected an integer, found '{s.Value}'", Line(s));
        }

        private bool ReadBool(string what)
        {
            var s = ReadScalar(what, "true or false");
            var tag = TagOf(s, what);
            bool plain = s.Style == ScalarStyle.Plain;
            if ((tag == "bool" || (tag is null && plain)) && Yaml11Scalars.TryParseBool(s.Value, out bool b)) return b;
            if (tag == "str" || (tag is null && !plain))
                throw Error($"{what}: expected true or false, found the quoted string '{s.Value}'", Line(s));
            throw Error($"{what}: expected true or false, found '{s.Value}'", Line(s));
        }

        // An int or a float; remembers which, so that a file is written back with the same spelling.
        private (double Value, bool IsInteger) ReadNumber(string what)
        {
            var s = ReadScalar(what, "a number");
            var tag = TagOf(s, what);
            bool plain = s.Style == ScalarStyle.Plain;
            if (tag == "float" || (tag is null && plain))
            {
                if (Yaml11Scalars.TryParseFloat(s.Value, out double d)) return (d, false);
                if (tag == "float" && Yaml11Scalars.TryParseInt(s.Value, out long fl)) return (fl, false);
            }
            if ((tag == "int" || (tag is null && plain)) && Yaml11Scalars.TryParseInt(s.Value, out long i)) return (i, true);
            if (tag == "str" || (tag is null && !plain))
                throw Error($"{what}: expected a number, found the quoted string '{s.Value}'", Line(s));
            throw Error($"{what}: expected a number, found '{s.Value}'", Line(s));
        }
    }

    // ---- stage and token length -------------------------------------------------------

    private static (Stage, int) InferStageAndTokens(List<IrLayer> layers, IrSourceMap map, string? file)
    {
        if (layers.Count == 0) throw new InputException("the IR has no layers", file, 1);
        Stage? stage = null;
        int stageLayer = -1;
        for (int i = 0; i < layers.Count; i++)
        {
            var t = layers[i].Type;
            if (!t.IsLinear() && !t.IsAttention()) continue;
            var s = t is LayerType.LinearMm or LayerType.AttentionMm ? Stage.Prefill : Stage.Decode;
            if (stage is null) { stage = s; stageLayer = i; }
            else if (stage != s)
                throw new InputException(
                    $"layer '{layers[i].Name}' ({LayerTypeNames.ToYaml(t)}) is a {Lower(s)} layer, but layer '{layers[stageLayer].Name}' " +
                    $"(line {map.Layer(stageLayer)}) is {Lower(stage.Value)}; one file holds one stage (_mm layers for prefill, _mv for decode)",
                    file, map.Layer(i));
        }
        if (stage is null)
            throw new InputException("the IR has no linear or attention layer, so it is neither prefill (_mm) nor decode (_mv)", file, map.Layer(0));

        // L is the prompt length in prefill (the rows of the first linear_mm) and the context
        // length in decode (the score row length of the first attention_mv, i.e. qkt's N).
        for (int i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            if (stage == Stage.Prefill && l.Type == LayerType.LinearMm && l.Inputs.Count > 0) return (Stage.Prefill, l.Inputs[0].Shape.M);
            if (stage == Stage.Decode && l.Type == LayerType.AttentionMv && l.Outputs.Count > 0) return (Stage.Decode, l.Outputs[0].Shape.K);
        }
        throw new InputException(stage == Stage.Prefill
            ? "cannot tell the token length: no linear_mm layer has an input"
            : "cannot tell the context length: no attention_mv layer has an output", file, map.Layer(0));
    }

    private static string Lower(Stage s) => s == Stage.Prefill ? "prefill" : "decode";
}
