using System.CommandLine.Parsing;
using System.Globalization;
using Sim.Core.Errors;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Ir;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// A bucket written <c>STAGE:L</c> on the command line (<c>bench --bucket prefill:2048</c>): the
/// stage is prefill or decode, L a positive whole number of tokens. Anything else is an input
/// error naming the option ("bogus:16" used to run decode 16, "prefill:abc" to crash).
/// </summary>
public static class BucketSpec
{
    public static Bucket Parse(string text, string option = "--bucket")
    {
        var parts = text.Split(':');
        Stage? stage = parts[0] switch { "prefill" => Stage.Prefill, "decode" => Stage.Decode, _ => null };
        if (parts.Length != 2 || stage is null
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int tokens) || tokens < 1)
            throw new InputException($"{option} '{text}' is not STAGE:L with STAGE prefill or decode and L a positive number of tokens, e.g. prefill:2048");
        return new Bucket(stage.Value, tokens);
    }

    /// <summary>A validator for the option, so a bad value is a parse error like any other.</summary>
    public static void Validate(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is not { } text) return;
        try { Parse(text, result.Option.Name); }
        catch (InputException e) { result.AddError(e.Message); }
    }
}
