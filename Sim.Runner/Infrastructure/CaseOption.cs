using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// <c>--case P:D</c> in every verb that has cases: one value per flag, repeated for more
/// (<c>--case 128:512 --case 512:512</c>). The parser still gathers the values that follow one
/// flag, so that <c>--case 1:2 3:4</c> gets an error saying to repeat the flag rather than
/// "unrecognized argument".
/// </summary>
public static class CaseOption
{
    public static Option<string[]> Create(string description)
    {
        var option = new Option<string[]>("--case") { Description = description, AllowMultipleArgumentsPerToken = true };
        option.Validators.Add(Validate);
        return option;
    }

    private static void Validate(OptionResult result)
    {
        if (result.Implicit || result.Tokens.Count <= result.IdentifierTokenCount) return;
        var given = string.Join(" ", result.Tokens.Select(t => t.Value));
        var repeated = string.Join(" ", result.Tokens.Select(t => $"--case {t.Value}"));
        result.AddError($"--case takes one case per flag, got '{given}'; repeat the flag: {repeated}");
    }
}
