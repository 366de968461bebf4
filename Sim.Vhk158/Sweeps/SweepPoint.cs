using System.Security.Cryptography;
using System.Text;

namespace Sim.Vhk158.Sweeps;

/// <summary>One point of a sweep: a value for every swept key.</summary>
public sealed record SweepPoint(IReadOnlyList<(string Key, string Value)> Settings)
{
    /// <summary>E.g. <c>CLOCK_FREQ_MHZ=200, HBM_BW_GB_PER_SEC=819.2</c>.</summary>
    public string Label => string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"));

    public string Value(string key) => Settings.First(s => s.Key == key).Value;

    /// <summary>
    /// A folder name for the point's cached CSVs: the settings when they are plain enough for a
    /// file name, with a hash of the exact label where characters had to be replaced, so two
    /// points never share a folder.
    /// </summary>
    public string FolderName
    {
        get
        {
            var label = string.Join(",", Settings.Select(s => $"{s.Key}={s.Value}"));
            var safe = new string(label.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '=' or ',' or '-' or '+' ? ch : '_').ToArray());
            if (safe == label && safe.Length <= 120) return safe;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(label)))[..12];
            return $"{safe[..Math.Min(safe.Length, 80)]}-{hash}";
        }
    }

    public override string ToString() => Label;
}
