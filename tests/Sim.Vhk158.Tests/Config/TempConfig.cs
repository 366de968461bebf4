using System.Text.RegularExpressions;
using Sim.Tests.Shared;

namespace Sim.Vhk158.Tests.Config;

/// <summary>
/// A config file written to a fresh temp folder (deleted on dispose), usually the repository's
/// <c>configs/vhk158.yaml</c> with one edit, so each test breaks exactly one thing.
/// </summary>
internal sealed class TempConfig : IDisposable
{
    public static string DefaultPath => Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml");
    public static string DefaultText => File.ReadAllText(DefaultPath);

    private readonly string folder;

    public TempConfig(string text)
    {
        folder = Path.Combine(Path.GetTempPath(), "vhksim-config-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Text = text;
        FilePath = Path.Combine(folder, "broken.yaml");
        File.WriteAllText(FilePath, text);
    }

    /// <summary>The default config with <paramref name="key"/>'s value replaced (comment kept out).</summary>
    public static TempConfig WithValue(string key, string value) => new(SetValue(DefaultText, key, value));

    /// <summary>The default config without <paramref name="key"/>'s line.</summary>
    public static TempConfig Without(string key) => new(RemoveKey(DefaultText, key));

    public string Text { get; }

    public string FilePath { get; }

    /// <summary>The 1-based line where <paramref name="key"/> is written in this file.</summary>
    public int LineOf(string key) => LineOf(Text, key);

    public static int LineOf(string text, string key)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].StartsWith(key + ":", StringComparison.Ordinal)) return i + 1;
        throw new ArgumentException($"{key} is not in the text");
    }

    public static string SetValue(string text, string key, string value)
    {
        var pattern = new Regex($"^{Regex.Escape(key)}:.*$", RegexOptions.Multiline);
        Assert.Single(pattern.Matches(text));
        return pattern.Replace(text, $"{key}: {value}".TrimEnd());
    }

    public static string RemoveKey(string text, string key)
    {
        var pattern = new Regex($"^{Regex.Escape(key)}:.*\n", RegexOptions.Multiline);
        Assert.Single(pattern.Matches(text));
        return pattern.Replace(text, "");
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp file is harmless */ }
    }
}
