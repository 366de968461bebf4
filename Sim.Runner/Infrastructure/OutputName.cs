using Sim.Core.Errors;

namespace Sim.Runner.Infrastructure;

/// <summary>A user's <c>--name</c> for an output file: a plain file name, so the file stays inside <c>--out</c>.</summary>
public static class OutputName
{
    public static string Checked(string name, string option)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or "..")
            throw new InputException($"{option} '{name}': expected a plain file name without folders");
        return name;
    }
}
