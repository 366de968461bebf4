using Sim.Core.Errors;

namespace Sim.Vhk158.Sweeps;

/// <summary>One swept config key and the values it takes, as written on the command line: <c>KEY=v1,v2,...</c>.</summary>
public sealed record SweepAxis(string Key, IReadOnlyList<string> Values)
{
    public static SweepAxis Parse(string text)
    {
        int eq = text.IndexOf('=');
        var key = eq < 0 ? "" : text[..eq].Trim();
        var values = eq < 0 ? [] : text[(eq + 1)..].Split(',').Select(v => v.Trim()).ToList();
        if (key.Length == 0 || values.Count == 0 || values.Any(v => v.Length == 0))
            throw new InputException($"--set '{text}' is not KEY=v1,v2,... (a config key and one or more comma-separated values)")
            {
                Hint = "for example --set CLOCK_FREQ_MHZ=200,225,300",
            };
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            throw new InputException($"--set '{text}' repeats a value");
        return new SweepAxis(key, values);
    }
}
