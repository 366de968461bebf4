using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Config;

/// <summary>One <c>KEY: value</c> line of a config file, before its key or value is checked.</summary>
internal sealed record ConfigYamlEntry(string Key, YamlNode Value, int Line);
