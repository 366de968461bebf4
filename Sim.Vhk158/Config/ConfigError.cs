namespace Sim.Vhk158.Config;

/// <summary>One problem found in a hardware config, where it is and what was expected.</summary>
public sealed record ConfigError(string? File, int? Line, string Message)
{
    /// <summary><c>file:line: message</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() =>
        File is null ? Message : Line is null ? $"{File}: {Message}" : $"{File}:{Line}: {Message}";
}
