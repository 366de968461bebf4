namespace Sim.Core.Errors;

/// <summary>
/// Bad user input (a config, an IR file, a mask, a command-line value). The message names the
/// file, the key or line and what was expected; the CLI prints it as one line and exits 1.
/// </summary>
public class InputException : Exception
{
    public InputException(string message, string? file = null, int? line = null, Exception? inner = null)
        : base(Format(message, file, line), inner)
    {
        File = file;
        Line = line;
    }

    public string? File { get; }
    public int? Line { get; }

    /// <summary>What the user can do about it, printed after the error (<c>hint: ...</c>); null when the message says enough.</summary>
    public string? Hint { get; init; }

    private static string Format(string message, string? file, int? line) =>
        file is null ? message : line is null ? $"{file}: {message}" : $"{file}:{line}: {message}";
}
