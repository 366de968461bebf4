namespace Sim.Workloads.Masks.Npy;

/// <summary>
/// A value of the Python literal subset that <c>.npy</c> headers use (numpy writes the header
/// with <c>repr</c> and reads it back with <c>ast.literal_eval</c>).
/// </summary>
internal abstract record PyLiteral
{
    /// <summary>How the value is described in error messages.</summary>
    public abstract string Kind { get; }
}

internal sealed record PyStr(string Value) : PyLiteral
{
    public override string Kind => $"string '{Value}'";
}

internal sealed record PyInt(long Value) : PyLiteral
{
    public override string Kind => $"integer {Value}";
}

internal sealed record PyBool(bool Value) : PyLiteral
{
    public override string Kind => Value ? "True" : "False";
}

internal sealed record PyNone : PyLiteral
{
    public override string Kind => "None";
}

/// <summary>A tuple <c>(a, b)</c> or a list <c>[a, b]</c>.</summary>
internal sealed record PySequence(bool IsTuple, IReadOnlyList<PyLiteral> Items) : PyLiteral
{
    public override string Kind => IsTuple ? "a tuple" : "a list";
}

/// <summary>A dict with string keys, in the order written.</summary>
internal sealed record PyDict(IReadOnlyList<KeyValuePair<string, PyLiteral>> Entries) : PyLiteral
{
    public override string Kind => "a dict";
}
