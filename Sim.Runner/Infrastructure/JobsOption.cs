using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// <c>--jobs N</c>: parallel simulations, at least 1 when given (0 and -1 used to pass silently);
/// left out, it means one per core (the value 0 the runners read as "default").
/// </summary>
public static class JobsOption
{
    public static Option<int> Create()
    {
        var option = new Option<int>("--jobs") { Description = "Parallel simulations (default: one per core)." };
        option.Validators.Add(Validate);
        return option;
    }

    private static void Validate(OptionResult result)
    {
        // A value that is not a number is System.CommandLine's own parse error; reading it here would throw.
        if (result.Implicit || result.Tokens.Count != 1 || !int.TryParse(result.Tokens[0].Value, out var jobs)) return;
        if (jobs < 1) result.AddError($"--jobs must be at least 1, got {jobs}");
    }
}
