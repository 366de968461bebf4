using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Observation;
using Sim.Vhk158.Profiling;

namespace Sim.Vhk158.Tests.Profiling;

/// <summary>Reading profiler CSVs back: what run.py reads, and clear errors for anything else.</summary>
public class ProfilerCsvParserTests
{
    private static readonly ProfileResult Sample = Result([89554, 418, 0, 8830, 4545, 418], [7.1086391234, 0.0375734, 0, 9.07207149, 0.29084412, 0.000581], 9.8098031, 123);

    private static ProfileResult Result(long[] counts, double[] busy, double total, long events) =>
        new(Enumerable.Range(0, ModuleSet.Count).Select(m => new UnitTotal(UnitInfo.ForModule((Module)m), counts[m], busy[m])).ToList(), total, events);

    [Fact]
    public void Parsing_a_formatted_result_gives_its_counts_and_printed_values()
    {
        var parsed = ProfilerCsvParser.Parse(ProfilerCsv.Format(Sample), "x.csv");
        Assert.Equal(Sample.Units.Select(u => (u.Unit, u.Count)), parsed.Units.Select(u => (u.Unit, u.Count)));
        for (int m = 0; m < ModuleSet.Count; m++)
            Assert.Equal(ProfilerCsv.F(Sample.Units[m].BusyMs), ProfilerCsv.F(parsed.Units[m].BusyMs));
        Assert.Equal(ProfilerCsv.AsPrinted(Sample.TotalMs), parsed.TotalMs);
        Assert.Equal(ProfilerCsv.Format(Sample).Split('\n')[^2], ProfilerCsv.Format(parsed).Split('\n')[^2]);
    }

    [SkippableFact]
    public void Every_reference_CSV_parses_to_the_TOTAL_run_py_reads()
    {
        ReferenceData.SkipIfAbsent();
        var files = Directory.GetFiles(ReferenceData.ProfilerDir, "*.csv");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var parsed = ProfilerCsvParser.Parse(text, file);
            var total = text.Split('\n')[7].Split(',');
            Assert.Equal(double.Parse(total[2], System.Globalization.CultureInfo.InvariantCulture), parsed.TotalMs);
            Assert.Equal(long.Parse(total[1], System.Globalization.CultureInfo.InvariantCulture), parsed.TotalCount);
        }
    }

    /// <summary>A profiler CSV saved by a spreadsheet (quoted fields, CRLF line ends) reads like the original (issue 14: CSV read through CsvHelper).</summary>
    [Fact]
    public void Quoted_fields_and_CRLF_read_like_the_plain_file()
    {
        var plain = ProfilerCsv.Format(Sample);
        var quoted = string.Join("\r\n", plain.TrimEnd('\n').Split('\n').Select(l => string.Join(',', l.Split(',').Select(f => $"\"{f}\"")))) + "\r\n";
        var parsed = ProfilerCsvParser.Parse(quoted, "saved.csv");
        Assert.Equal(Sample.Units.Select(u => (u.Unit.Module, u.Count)), parsed.Units.Select(u => (u.Unit.Module, u.Count)));
        Assert.Equal(ProfilerCsvParser.Parse(plain, "x.csv").TotalMs, parsed.TotalMs);
    }

    [Fact]
    public void An_unclosed_quote_is_an_input_error()
    {
        var text = ProfilerCsv.Format(Sample).Replace("MM,", "\"MM,");
        var e = Assert.Throws<InputException>(() => ProfilerCsvParser.Parse(text, "bad.csv"));
        Assert.Equal("bad.csv", e.File);
    }

    [Theory]
    [InlineData("inst_type,count\n", 1, "header")]
    [InlineData("", 1, "empty")]
    [InlineData("inst_type,inst_cnt,part_time,part_time_ratio\nLD,1,0.5,50\n", 3, "a row per unit and TOTAL")]
    public void Malformed_files_name_the_line(string text, int line, string expected)
    {
        var e = Assert.Throws<InputException>(() => ProfilerCsvParser.Parse(text, "bad.csv"));
        Assert.Equal("bad.csv", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(1, "LD,89554,", "LD,8x554,", "inst_cnt '8x554'")]
    [InlineData(4, "ST,418,", "MV,418,", "'MV' is empty or repeated")]
    [InlineData(4, "MV,8830,9.072071,", "MV,8830,nan,", "part_time 'nan'")]
    [InlineData(7, "TOTAL,103765,", "TOTAL,103766,", "not the sum")]
    [InlineData(3, "MM,0,0,0", "MM,0,0", "4 comma-separated fields")]
    public void A_bad_row_is_reported_with_its_line_and_value(int row, string from, string to, string expected)
    {
        var text = ProfilerCsv.Format(Sample);
        Assert.Contains(from, text);
        var e = Assert.Throws<InputException>(() => ProfilerCsvParser.Parse(text.Replace(from, to), "bad.csv"));
        Assert.Equal(row + 1, e.Line);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith($"bad.csv:{row + 1}: ", e.Message);
    }
}
