namespace Sim.Vhk158.Config;

/// <summary>A key and its value as canonical text (see <see cref="ConfigKey.Format"/>).</summary>
public sealed record ConfigEntry(string Key, string Value);
