using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Sim.Core.Errors;
using Sim.Runner.Reporting;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim bench --versus OTHER</c>: the same benchmark run by another vhksim build (an older
/// commit published elsewhere) and by this one, as fresh processes interleaved round by round
/// (the order alternates), then their medians side by side. Ratios measured this way hold on a
/// loaded machine, where numbers from separate runs do not.
/// </summary>
internal static partial class BenchVersus
{
    internal sealed record Sample(double ProcessWall, Dictionary<string, double> Values);

    // The lines of `bench` output compared, and the unit each is printed with.
    private static readonly (string Key, string Label, string Unit)[] Rows =
    [
        ("wall time", "run wall time (start-up excluded)", "s"),
        ("cpu time", "cpu time (start-up included)", "s"),
        ("allocated", "allocated", "MB"),
        ("peak memory", "peak memory", "MiB"),
        ("loop", "tight loop per instruction", "ns"),
        ("DES", "DES per instruction", "ns"),
        ("DES/loop", "DES / tight loop", "x"),
    ];

    /// <param name="format">how to print the medians (<see cref="ResultTable"/>); the lines naming the builds go to stderr with csv or json</param>
    public static int Run(string other, int rounds, IReadOnlyList<string> benchArgs, TextWriter o, string format = ResultTable.Table)
    {
        if (!File.Exists(other)) throw new InputException($"--versus: no vhksim binary at '{other}'");
        var self = SelfCommand();
        var before = new List<Sample>();
        var after = new List<Sample>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which build goes first, so a trend in the machine's load hits both alike.
            if (round % 2 == 0)
            {
                before.Add(Measure(other, [], benchArgs));
                after.Add(Measure(self.File, self.Prefix, benchArgs));
            }
            else
            {
                after.Add(Measure(self.File, self.Prefix, benchArgs));
                before.Add(Measure(other, [], benchArgs));
            }
            Console.Error.WriteLine($"[{round + 1}/{rounds}] before {before[^1].ProcessWall:F2} s, after {after[^1].ProcessWall:F2} s");
        }

        var notes = format is ResultTable.Table or ResultTable.Markdown ? o : Console.Error;
        notes.WriteLine($"bench {string.Join(' ', benchArgs)}: {rounds} rounds, interleaved; medians");
        notes.WriteLine($"  before: {other}");
        notes.WriteLine($"  after:  {string.Join(' ', [self.File, .. self.Prefix])}");
        o.Write(Compare(before, after).Write(format, terminal: ReferenceEquals(o, Console.Out) && !Console.IsOutputRedirected));
        return 0;
    }

    /// <summary>The medians of each quantity both builds printed, side by side, and their ratio.</summary>
    internal static ResultTable Compare(IReadOnlyList<Sample> before, IReadOnlyList<Sample> after)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>();
        void Row(string label, string unit, IEnumerable<double> b, IEnumerable<double> a)
        {
            double mb = Median(b), ma = Median(a);
            rows.Add([label, unit, mb.ToString("F2", c), ma.ToString("F2", c), (ma / mb).ToString("F2", c)]);
        }
        Row("process wall time (start-up incl.)", "s", before.Select(s => s.ProcessWall), after.Select(s => s.ProcessWall));
        foreach (var (key, label, unit) in Rows)
        {
            if (!before.All(s => s.Values.ContainsKey(key)) || !after.All(s => s.Values.ContainsKey(key))) continue;
            Row(label, unit, before.Select(s => s.Values[key]), after.Select(s => s.Values[key]));
        }
        return new ResultTable(["quantity", "unit", "before", "after", "after/before"], rows) { Keys = ["quantity", "unit", "before", "after", "after_per_before"] };
    }

    private static Sample Measure(string file, IReadOnlyList<string> prefix, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix) start.ArgumentList.Add(a);
        start.ArgumentList.Add("bench");
        foreach (var a in args) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InputException($"--versus: cannot start '{file}'");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InputException($"--versus: '{file} bench' failed with exit code {process.ExitCode}: {errors.Result.Trim()}");
        return new Sample(wall, Parse(output));
    }

    /// <summary>The quantities a bench run printed: an older build's aligned lines or this build's table.</summary>
    internal static Dictionary<string, double> Parse(string output)
    {
        var values = new Dictionary<string, double>();
        foreach (var line in output.Split('\n'))
        {
            var m = ValueLine().Match(line);
            if (m.Success) values[m.Groups[1].Value.Trim()] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var des = DesLine().Match(line);
            if (des.Success) values["DES/loop"] = double.Parse(des.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return values;
    }

    // Older builds: "wall time      1.59 s", "  loop         8.2 ns/instruction", "  DES          46.5 ns/instruction = 5.7x the loop";
    // this one, a table row: "| wall time      |   1.59 | s   | ... |", "| DES/loop |  5.7 | x | |".
    [GeneratedRegex(@"^[\s|]*(wall time|cpu time|allocated|peak memory|loop|DES/loop|DES)[\s|]+([0-9]+(?:\.[0-9]+)?)[\s|]")]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"^\s*DES\s.*=\s*([0-9]+(?:\.[0-9]+)?)x the loop")]
    private static partial Regex DesLine();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // How to start this build again: the native host, or `dotnet vhksim.dll` under `dotnet run`.
    private static (string File, string[] Prefix) SelfCommand()
    {
        var host = Environment.ProcessPath ?? throw new InputException("--versus: cannot tell this process's executable");
        var name = Path.GetFileNameWithoutExtension(host);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return (host, [typeof(BenchVersus).Assembly.Location]);
        return (host, []);
    }

    /// <summary>The bench arguments of this command line without <c>--versus</c> and <c>--rounds</c> (and their values).</summary>
    public static List<string> PassThrough(IEnumerable<string> tokens)
    {
        var result = new List<string>();
        bool skipValue = false;
        foreach (var t in tokens)
        {
            if (skipValue) { skipValue = false; continue; }
            // --format is not passed on: the runs are read in their table format (an older build may not know --format).
            if (t is "--versus" or "--rounds" or "--format") { skipValue = true; continue; }
            if (t.StartsWith("--versus=", StringComparison.Ordinal) || t.StartsWith("--rounds=", StringComparison.Ordinal)
                || t.StartsWith("--format=", StringComparison.Ordinal)) continue;
            result.Add(t);
        }
        return result;
    }
}
