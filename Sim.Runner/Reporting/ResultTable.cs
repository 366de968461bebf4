using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Spectre.Console;
using Spectre.Console.Rendering;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Reporting;

/// <summary>
/// A small result (named columns, text cells) in the four formats a verb prints: a table drawn by
/// Spectre.Console (plain ASCII when stdout is not a terminal, so logs and diffs read it), CSV
/// through CsvHelper, JSON (an array of objects; numeric cells as numbers), or Markdown. The
/// seed's comparison table keeps its own hand-made format (<see cref="ComparisonTable"/>).
/// Columns may carry machine names (<see cref="Keys"/>): CSV headers and JSON keys use them, so
/// one quantity has one name in every machine format (e.g. <c>decode_tokens_per_s</c>) while the
/// table and Markdown show the heading people read.
/// </summary>
public sealed record ResultTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public const string Table = "table", Csv = "csv", Json = "json", Markdown = "markdown";
    public static readonly string[] Formats = [Table, Csv, Json, Markdown];

    /// <summary>The columns' names in CSV and JSON (default: derived from <see cref="Columns"/>, as in <see cref="Key"/>; CSV then keeps the heading).</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    /// <summary>A CSV text with a header (e.g. a profiler CSV) as a table, read through CsvHelper.</summary>
    public static ResultTable FromCsv(string text)
    {
        var records = CsvRows.Read(text);
        if (records.Count == 0) throw new ArgumentException("a CSV with a header is expected", nameof(text));
        return new ResultTable(records[0], records.Skip(1).ToList()) { Keys = records[0] };
    }

    /// <summary>Writes the table to stdout in <paramref name="format"/> (a Spectre.Console table with borders when stdout is a terminal).</summary>
    public void Print(string format) => Console.Out.Write(Write(format, !Console.IsOutputRedirected));

    public string Write(string format, bool terminal = false) => format switch
    {
        Table => TableText(terminal),
        Csv => CsvText(),
        Json => JsonText(),
        Markdown => MarkdownText(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };

    private string TableText(bool terminal)
    {
        var table = new Spectre.Console.Table().Border(terminal ? TableBorder.Rounded : TableBorder.Ascii2);
        for (int i = 0; i < Columns.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(Columns[i]));
            table.AddColumn(IsNumeric(i) ? column.RightAligned() : column);
        }
        foreach (var row in Rows) table.AddRow(row.Select(c => (IRenderable)new Text(c)).ToArray());
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = MaxWidth; // wide enough never to wrap a cell (a sweep of several keys); the table is as wide as its content
        console.Write(table);
        return text.ToString().Replace("\r\n", "\n");
    }

    /// <summary>Widest table drawn without wrapping cells.</summary>
    private const int MaxWidth = 2000;

    private string CsvText()
    {
        var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteHeader((Keys ?? Columns).ToArray());
            foreach (var row in Rows) csv.WriteRecord(row.ToArray());
            csv.Flush();
        }
        return text.ToString();
    }

    private string JsonText()
    {
        var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var row in Rows)
            {
                w.WriteStartObject();
                for (int i = 0; i < Columns.Count; i++)
                {
                    if (IsNumeric(i) && row[i].Length == 0) w.WriteNull(JsonKey(i));
                    else if (IsNumeric(i) && decimal.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                        w.WriteNumber(JsonKey(i), number);
                    else w.WriteString(JsonKey(i), row[i]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private string MarkdownText()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", Columns.Select(Escape)).Append(" |\n");
        sb.Append('|').AppendJoin("|", Columns.Select((_, i) => IsNumeric(i) ? "---:" : "---")).Append("|\n");
        foreach (var row in Rows) sb.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
        return sb.ToString();
    }

    private string JsonKey(int column) => Keys is not null ? Keys[column] : Key(Columns[column]);

    /// <summary>A column is numeric when every cell of it is a plain number or empty (JSON null: not measured), and one is a number.</summary>
    private bool IsNumeric(int column) =>
        Rows.Any(r => r[column].Length > 0)
        && Rows.All(r => r[column].Length == 0 || decimal.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>JSON keys: the column name in lower case with underscores ("GB/s per master" → "gb_s_per_master").</summary>
    private static string Key(string column)
    {
        var sb = new StringBuilder();
        foreach (var ch in column.ToLowerInvariant())
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        return sb.ToString().TrimEnd('_');
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|");
}
