using Sim.Runner.Reporting;

namespace Sim.Runner.Tests.Reporting;

/// <summary>The one table helper every verb prints through (issue 14, item 7).</summary>
public class ResultTableTests
{
    private static readonly ResultTable Wide = new(
        Enumerable.Range(0, 24).Select(i => $"COLUMN_KEY_{i:D2}").ToList(),
        [Enumerable.Range(0, 24).Select(i => (i * 1000.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), Enumerable.Repeat("", 24).ToList()]);

    [Fact]
    public void A_wide_table_keeps_each_row_on_one_line()
    {
        var lines = Wide.Write(ResultTable.Table).TrimEnd('\n').Split('\n');
        Assert.Equal(6, lines.Length); // border, header, rule, two rows, border
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        Assert.Contains("COLUMN_KEY_23", lines[1]);
    }

    [Fact]
    public void Machine_formats_use_the_keys_and_json_writes_empty_numbers_as_null()
    {
        var table = new ResultTable(["Decode tokens/s", "Case"], [["97.5", "128:512"], ["", "512:512"]]) { Keys = ["decode_tokens_per_s", "case"] };
        Assert.StartsWith("decode_tokens_per_s,case\n", table.Write(ResultTable.Csv));
        using var json = System.Text.Json.JsonDocument.Parse(table.Write(ResultTable.Json));
        Assert.Equal(97.5, json.RootElement[0].GetProperty("decode_tokens_per_s").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement[1].GetProperty("decode_tokens_per_s").ValueKind);
        Assert.StartsWith("| Decode tokens/s | Case |", table.Write(ResultTable.Markdown));
    }

    [Fact]
    public void A_csv_text_reads_back_through_CsvHelper()
    {
        var table = ResultTable.FromCsv("inst_type,inst_cnt\n\"core0.LD\",5\nTOTAL,5\n");
        Assert.Equal(["inst_type", "inst_cnt"], table.Columns);
        Assert.Equal("core0.LD", table.Rows[0][0]);
        Assert.Equal("inst_type,inst_cnt\ncore0.LD,5\nTOTAL,5\n", table.Write(ResultTable.Csv));
    }
}
