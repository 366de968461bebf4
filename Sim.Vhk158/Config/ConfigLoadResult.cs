using Sim.Core.Errors;

namespace Sim.Vhk158.Config;

/// <summary>A loaded and validated config, or every problem that stopped it.</summary>
public sealed record ConfigLoadResult(HardwareConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>The config, or one <see cref="InputException"/> listing every error, one per line.</summary>
    public HardwareConfig GetOrThrow() =>
        Ok && Config is not null ? Config : throw ToException(Errors);

    /// <summary>
    /// The first error gives the exception its file and line; the others follow on their own
    /// lines in the same <c>file:line: message</c> form.
    /// </summary>
    public static InputException ToException(IReadOnlyList<ConfigError> errors)
    {
        if (errors.Count == 0) throw new ArgumentException("no errors to report", nameof(errors));
        var first = errors[0];
        var message = string.Join("\n", errors.Skip(1).Select(e => e.ToString()).Prepend(first.Message));
        return new InputException(message, first.File, first.Line);
    }
}
