namespace Sim.Workloads.Ir;

/// <summary>The tensor dtypes of the IR (spec §1.8): activations and weights int8, biases int32, masks bool.</summary>
public static class IrDTypes
{
    public const string Int8 = "int8";
    public const string Int32 = "int32";
    public const string Bool = "bool";

    public static readonly IReadOnlyList<string> All = [Int8, Int32, Bool];

    /// <summary>The shared instance of a known dtype (so 50 000 tensors do not hold 50 000 copies), else <paramref name="s"/>.</summary>
    public static string Intern(string s) => s switch { Int8 => Int8, Int32 => Int32, Bool => Bool, _ => s };
}
