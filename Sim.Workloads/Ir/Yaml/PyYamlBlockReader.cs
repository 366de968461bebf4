using System.Globalization;
using System.Text;

namespace Sim.Workloads.Ir.Yaml;

/// <summary>
/// Reads IR written in exactly the block layout of PyYAML's <c>yaml.dump(..., sort_keys=False)</c>
/// (spec §1.1: two-space indent, lists under a key not indented, <c>[]</c> and <c>{}</c> for empty
/// ones, plain scalars), straight from the file's UTF-8 bytes, one pass, no scalar strings but
/// the names. Anything outside that layout (flow style, quotes, comments, anchors, tabs, CR,
/// missing or repeated keys, any value PyYAML would not have written plain) makes it give up
/// (null), and <see cref="IrReader"/> reads the text with YamlDotNet instead, which accepts every
/// YAML spelling and reports errors with file and line. So this reader never reports an error
/// itself, and whatever it accepts parses to the same program and lines as YamlDotNet's path.
/// </summary>
/// <remarks>
/// Hand-written rather than YamlDotNet because YamlDotNet measured about 30 ms per reference
/// file (360 KB) even on its bare event stream (a string and position marks per scalar, interned
/// tags): most of the six standard cases' time with <c>--ir-dir</c>. With this reader,
/// <c>vhksim ir check</c> of the 144 files (reading and validating) takes about a third of the CPU time.
/// </remarks>
internal ref struct PyYamlBlockReader
{
    private readonly ReadOnlySpan<byte> _s;
    private int _pos;
    private int _line = 1;
    private readonly IrSourceMap _map;

    private PyYamlBlockReader(ReadOnlySpan<byte> utf8, string? file)
    {
        _s = utf8;
        _map = new IrSourceMap(file);
    }

    /// <summary>The layers and their lines, or null when the text leaves PyYAML's block layout.</summary>
    public static (List<IrLayer> Layers, IrSourceMap Lines)? TryRead(ReadOnlySpan<byte> utf8, string? file)
    {
        var reader = new PyYamlBlockReader(utf8, file);
        var layers = reader.ReadDocument();
        return layers is null ? null : (layers, reader._map);
    }

    private List<IrLayer>? ReadDocument()
    {
        // PyYAML ends every line, the last included, with '\n'.
        if (_s.Length == 0 || _s[^1] != (byte)'\n') return null;
        var layers = new List<IrLayer>(800);
        while (_pos < _s.Length)
        {
            if (!Skip("- "u8)) return null;
            if (ReadLayer() is not { } layer) return null;
            layers.Add(layer);
        }
        return layers;
    }

    // ---- layer: keys at indent 2, the first on the "- " line -------------------------------

    private IrLayer? ReadLayer()
    {
        _map.BeginLayer(_line);
        string? name = null;
        LayerType type = default;
        List<IrTensor>? inputs = null, outputs = null, parms = null;
        IrStructure? structure = null;
        int seen = 0;
        do
        {
            var key = ReadKey();
            int bit = key.SequenceEqual("name"u8) ? 1 : key.SequenceEqual("type"u8) ? 2 : key.SequenceEqual("input"u8) ? 4 :
                key.SequenceEqual("output"u8) ? 8 : key.SequenceEqual("param"u8) ? 16 : key.SequenceEqual("structure"u8) ? 32 : 0;
            if (bit == 0 || (seen & bit) != 0) return null;
            seen |= bit;
            bool ok = bit switch
            {
                1 => ReadStringValue(out name),
                2 => ReadLayerType(out type),
                4 => ReadTensorList(TensorRole.Input, out inputs),
                8 => ReadTensorList(TensorRole.Output, out outputs),
                16 => ReadTensorList(TensorRole.Param, out parms),
                _ => ReadStructure(out structure),
            };
            if (!ok) return null;
        }
        while (NextKeyAt(2));
        if ((seen | 16) != 63) return null; // every key but param is required
        return new IrLayer(name!, type, inputs!, outputs!, parms, structure!);
    }

    private bool ReadLayerType(out LayerType type)
    {
        type = default;
        if (!Skip(" "u8)) return false;
        var v = RestOfLine();
        foreach (var t in Enum.GetValues<LayerType>())
        {
            if (!Ascii.Equals(v, LayerTypeNames.ToYaml(t))) continue;
            type = t;
            return true;
        }
        return false;
    }

    // ---- tensors: "key: []", or "key:" then "- " items at the key's indent ----------------

    private bool ReadTensorList(TensorRole role, out List<IrTensor>? tensors)
    {
        tensors = null;
        if (Skip(" []\n"u8))
        {
            tensors = [];
            return true;
        }
        if (!Skip("\n"u8)) return false;
        tensors = new List<IrTensor>(3);
        while (LineStartsWith("  - "u8))
        {
            _pos += 4;
            if (ReadTensor(role) is not { } tensor) return false;
            tensors.Add(tensor);
        }
        return tensors.Count > 0; // "key:" with nothing under it is null
    }

    private IrTensor? ReadTensor(TensorRole role)
    {
        _map.AddTensor(role, _line);
        string? name = null, dtype = null;
        Shape3 shape = default;
        long addr = 0;
        bool flag = false;
        (double Value, bool IsInteger) ratio = default;
        int seen = 0;
        do
        {
            var key = ReadKey();
            int bit = key.SequenceEqual("name"u8) ? 1 : key.SequenceEqual("shape"u8) ? 2 : key.SequenceEqual("dtype"u8) ? 4 :
                key.SequenceEqual("addr"u8) ? 8 : key.SequenceEqual("sparse_flag"u8) ? 16 : key.SequenceEqual("sparse_ratio"u8) ? 32 : 0;
            if (bit == 0 || (seen & bit) != 0) return null;
            seen |= bit;
            bool ok = bit switch
            {
                1 => ReadStringValue(out name),
                2 => ReadShape(out shape),
                4 => ReadDType(out dtype),
                8 => ReadIntValue(out addr),
                16 => ReadBoolValue(out flag),
                _ => ReadNumberValue(out ratio),
            };
            if (!ok) return null;
        }
        while (NextKeyAt(4));
        if ((seen & 15) != 15 || (seen & 48) is not (0 or 48)) return null;
        Sparsity? sparsity = seen >= 48 ? new Sparsity(flag, ratio.Value, ratio.IsInteger) : null;
        return new IrTensor(name!, shape, dtype!, addr, sparsity);
    }

    // "shape:" then exactly three "    - N" lines.
    private bool ReadShape(out Shape3 shape)
    {
        shape = default;
        if (!Skip("\n"u8)) return false;
        Span<int> dims = stackalloc int[3];
        for (int i = 0; i < 3; i++)
        {
            if (!LineStartsWith("    - "u8)) return false;
            _pos += 6;
            if (!ParseInt(RestOfLine(), out long v) || v > int.MaxValue) return false;
            dims[i] = (int)v;
        }
        if (LineStartsWith("    - "u8)) return false; // rank 4 or more: the slow path names it
        shape = new Shape3(dims[0], dims[1], dims[2]);
        return true;
    }

    private bool ReadDType(out string? dtype)
    {
        dtype = null;
        if (!Skip(" "u8)) return false;
        var v = RestOfLine();
        dtype = v.SequenceEqual("int8"u8) ? IrDTypes.Int8 : v.SequenceEqual("int32"u8) ? IrDTypes.Int32 : v.SequenceEqual("bool"u8) ? IrDTypes.Bool : null;
        if (dtype is null && IsPlainString(v)) dtype = Encoding.ASCII.GetString(v);
        return dtype is not null;
    }

    // ---- structure: "structure: {}", or "structure:" then keys at indent 4 ------------------

    private bool ReadStructure(out IrStructure? structure)
    {
        structure = null;
        if (Skip(" {}\n"u8))
        {
            _map.SetStructure(_line - 1);
            structure = IrStructure.Empty;
            return true;
        }
        if (!Skip("\n"u8) || !NextKeyAt(4)) return false;
        _map.SetStructure(_line);
        bool? bias = null, rms = null, relu = null;
        string? maskMode = null, eltwiseType = null;
        int? dim = null;
        int seen = 0;
        do
        {
            var key = ReadKey();
            int bit = key.SequenceEqual("bias_flag"u8) ? 1 : key.SequenceEqual("RMS_flag"u8) ? 2 : key.SequenceEqual("mask_mode"u8) ? 4 :
                key.SequenceEqual("relu_flag"u8) ? 8 : key.SequenceEqual("eltwise_type"u8) ? 16 : key.SequenceEqual("dim"u8) ? 32 : 0;
            if (bit == 0 || (seen & bit) != 0) return false;
            seen |= bit;
            bool b;
            switch (bit)
            {
                case 1: if (!ReadBoolValue(out b)) return false; bias = b; break;
                case 2: if (!ReadBoolValue(out b)) return false; rms = b; break;
                case 4: if (!ReadStringValue(out maskMode)) return false; break;
                case 8: if (!ReadBoolValue(out b)) return false; relu = b; break;
                case 16: if (!ReadStringValue(out eltwiseType)) return false; break;
                default:
                    if (!ReadIntValue(out long d) || d > int.MaxValue) return false;
                    dim = (int)d;
                    break;
            }
        }
        while (NextKeyAt(4));
        structure = new IrStructure(bias, rms, maskMode, relu, eltwiseType, dim);
        return true;
    }

    // ---- lines and keys ----------------------------------------------------------------

    // At a line start: true (and past the indent) when the line holds a key of a mapping at that indent.
    private bool NextKeyAt(int indent)
    {
        if (_s.Length - _pos <= indent) return false;
        for (int i = 0; i < indent; i++)
            if (_s[_pos + i] != (byte)' ') return false;
        if (!IsKeyStart(_s[_pos + indent])) return false;
        _pos += indent;
        return true;
    }

    // A key up to its ':' (letters, digits and '_'); empty when the text is not one.
    private ReadOnlySpan<byte> ReadKey()
    {
        int start = _pos;
        while (_pos < _s.Length && IsKeyByte(_s[_pos])) _pos++;
        if (_pos == start || _pos >= _s.Length || _s[_pos] != (byte)':') return default;
        var key = _s[start.._pos];
        _pos++;
        return key;
    }

    private bool LineStartsWith(ReadOnlySpan<byte> prefix) => _s[_pos..].StartsWith(prefix);

    private bool Skip(ReadOnlySpan<byte> text)
    {
        if (!_s[_pos..].StartsWith(text)) return false;
        _pos += text.Length;
        if (text[^1] == (byte)'\n') _line++;
        return true;
    }

    // The rest of the line, past its '\n' (every line ends with one, see ReadDocument).
    private ReadOnlySpan<byte> RestOfLine()
    {
        int end = _s[_pos..].IndexOf((byte)'\n') + _pos;
        var value = _s[_pos..end];
        _pos = end + 1;
        _line++;
        return value;
    }

    // ---- scalars: only what PyYAML writes plain and reads back as the same type -------------

    private bool ReadStringValue(out string? value)
    {
        value = null;
        if (!Skip(" "u8)) return false;
        var v = RestOfLine();
        if (!IsPlainString(v)) return false;
        value = Encoding.ASCII.GetString(v);
        // Short words starting with these letters may be YAML 1.1 bools or null (yes, No, off, null...).
        return v.Length > 5 || !"yYnNtTfFoO"u8.Contains(v[0]) || Yaml11Scalars.Resolve(value) == "str";
    }

    private bool ReadIntValue(out long value)
    {
        value = 0;
        return Skip(" "u8) && ParseInt(RestOfLine(), out value);
    }

    private bool ReadBoolValue(out bool value)
    {
        value = false;
        if (!Skip(" "u8)) return false;
        var v = RestOfLine();
        if (v.SequenceEqual("true"u8)) value = true;
        else if (!v.SequenceEqual("false"u8)) return false;
        return true;
    }

    // An int ("1") or a float with a '.' ("0.7"), as PyYAML's resolver types them.
    private bool ReadNumberValue(out (double Value, bool IsInteger) value)
    {
        value = default;
        if (!Skip(" "u8)) return false;
        var v = RestOfLine();
        if (ParseInt(v, out long i))
        {
            value = (i, true);
            return true;
        }
        int dot = v.IndexOf((byte)'.');
        if (dot <= 0 || !AllDigits(v[..dot]) || !AllDigits(v[(dot + 1)..]) || (dot > 1 && v[0] == (byte)'0')) return false;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return false;
        value = (d, false);
        return true;
    }

    // Decimal without a leading zero (YAML 1.1 reads 010 as octal), at most 18 digits.
    private static bool ParseInt(ReadOnlySpan<byte> v, out long value)
    {
        value = 0;
        if (v.Length is 0 or > 18 || !AllDigits(v) || (v.Length > 1 && v[0] == (byte)'0')) return false;
        foreach (byte b in v) value = value * 10 + (b - '0');
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> v) => v.Length > 0 && !v.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    // A name PyYAML writes plain: a letter or '_', then letters, digits, '_', '.', '-'.
    private static bool IsPlainString(ReadOnlySpan<byte> v) =>
        v.Length > 0 && IsKeyStart(v[0]) && !v.ContainsAnyExcept(PlainBytes);

    private static readonly System.Buffers.SearchValues<byte> PlainBytes =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"u8);

    private static bool IsKeyStart(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a' || b == (byte)'_';

    private static bool IsKeyByte(byte b) => IsKeyStart(b) || (uint)(b - '0') <= 9;
}
