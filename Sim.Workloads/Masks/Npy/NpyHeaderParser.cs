using Sim.Core.Errors;

namespace Sim.Workloads.Masks.Npy;

/// <summary>
/// Turns the header dict of a <c>.npy</c> file into an <see cref="NpyHeader"/>, checking that it
/// has exactly the keys numpy writes and describes a C-order array of one-byte booleans.
/// </summary>
internal static class NpyHeaderParser
{
    private static readonly string[] Keys = ["descr", "fortran_order", "shape"];

    /// <summary>Accepted dtype strings: bool and uint8 with any byte-order mark (one byte has none).</summary>
    private static readonly Dictionary<string, NpyDtype> Dtypes = BuildDtypes();

    public static NpyHeader Parse(string text, NpyVersion version, string file)
    {
        var literal = PyLiteralParser.Parse(text, file);
        if (literal is not PyDict dict)
            throw new InputException(
                $"unparsable .npy header: expected a dict like {{'descr': '|b1', 'fortran_order': False, 'shape': (32, 32, 32), }}, " +
                $"found {literal.Kind}", file);

        var entries = dict.Entries.ToDictionary(e => e.Key, e => e.Value);
        foreach (var key in Keys)
            if (!entries.ContainsKey(key))
                throw new InputException(
                    $".npy header lacks the key '{key}' (expected the keys 'descr', 'fortran_order' and 'shape'); " +
                    $"header: {PyLiteralParser.Quote(text)}", file);
        var extra = entries.Keys.Where(k => !Keys.Contains(k)).ToList();
        if (extra.Count > 0)
            throw new InputException(
                $".npy header has unexpected key(s) {string.Join(", ", extra.Select(k => $"'{k}'"))} " +
                "(expected only 'descr', 'fortran_order' and 'shape')", file);

        var (descr, dtype) = ParseDescr(entries["descr"], file);

        if (entries["fortran_order"] is not PyBool fortran)
            throw new InputException(
                $".npy header key 'fortran_order' must be True or False, found {entries["fortran_order"].Kind}", file);
        if (fortran.Value)
            throw new InputException(
                ".npy array is stored in Fortran (column-major) order, which is not supported: " +
                "save it in C order (numpy.ascontiguousarray before numpy.save)", file);

        var shape = ParseShape(entries["shape"], file);
        return new NpyHeader(version, descr, dtype, false, shape);
    }

    private static (string, NpyDtype) ParseDescr(PyLiteral value, string file)
    {
        if (value is not PyStr s)
            throw new InputException(
                $".npy dtype {(value is PySequence ? "is a structured (record) dtype" : $"is {value.Kind}")}, " +
                $"which is not supported: expected {AllowedText}", file);
        if (!Dtypes.TryGetValue(s.Value, out var dtype))
            throw new InputException($".npy dtype '{s.Value}' is not supported: expected {AllowedText}", file);
        return (s.Value, dtype);
    }

    private static int[] ParseShape(PyLiteral value, string file)
    {
        if (value is not PySequence { IsTuple: true } tuple)
            throw new InputException($".npy header key 'shape' must be a tuple of integers, found {value.Kind}", file);
        var shape = new int[tuple.Items.Count];
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (tuple.Items[i] is not PyInt { Value: >= 0 } d)
                throw new InputException(
                    $".npy shape entry {i} must be a non-negative integer, found {tuple.Items[i].Kind}", file);
            if (d.Value > int.MaxValue)
                throw new InputException($".npy shape entry {i} is {d.Value}, larger than supported ({int.MaxValue})", file);
            shape[i] = (int)d.Value;
            count = d.Value == 0 || count == 0 ? 0 : count > Array.MaxLength / d.Value ? long.MaxValue : count * d.Value;
        }
        if (count > Array.MaxLength)
            throw new InputException(
                $".npy shape {NpyHeader.FormatShape(shape)} has more elements than supported ({Array.MaxLength})", file);
        return shape;
    }

    private const string AllowedText =
        "bool ('|b1', 'b1', '?') or uint8 ('|u1', '<u1', '>u1', 'u1'); other dtypes are not masks";

    private static Dictionary<string, NpyDtype> BuildDtypes()
    {
        var map = new Dictionary<string, NpyDtype>(StringComparer.Ordinal);
        foreach (var order in new[] { "", "|", "<", ">", "=" })
        {
            map[order + "b1"] = NpyDtype.Bool;
            map[order + "?"] = NpyDtype.Bool;
            map[order + "u1"] = NpyDtype.UInt8;
        }
        return map;
    }
}
