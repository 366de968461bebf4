namespace Sim.Vhk158.Analysis;

/// <summary>
/// What a figure calls the board a config describes: the config file's name without its folder
/// and extension (<c>configs/u280.yaml</c> → <c>u280</c>), since a config has no key that names its
/// board and the project names each board's config after it.
/// </summary>
public static class BoardName
{
    public static string Of(string configPath)
    {
        var stem = Path.GetFileNameWithoutExtension(configPath);
        return string.IsNullOrWhiteSpace(stem) ? "FPGA" : stem;
    }
}
