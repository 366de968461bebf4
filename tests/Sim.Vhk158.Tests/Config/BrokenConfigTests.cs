using Sim.Core.Errors;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Tests.Config;

/// <summary>Each kind of broken config file gives a message with the file, the line and what was expected.</summary>
public class BrokenConfigTests
{
    [Theory]
    [InlineData("MM_PARALLEL_N", "abc", "expected an integer, got 'abc'")]
    [InlineData("MAX_LEN", "20.5", "expected an integer, got '20.5'")]
    [InlineData("MAX_LEN", "[1, 2]", "expected an integer, got a list")]
    [InlineData("MAX_LEN", "{a: 1}", "expected an integer, got a mapping")]
    [InlineData("MAX_LEN", "\"2048\"", "expected an integer, got the quoted string '2048' (remove the quotes)")]
    [InlineData("MAX_LEN", "99999999999", "expected an integer between -2147483648 and 2147483647, got '99999999999'")]
    [InlineData("MAX_LEN", "", "expected an integer, got no value")]
    [InlineData("DEBUG", "maybe", "expected a boolean (true or false), got 'maybe'")]
    [InlineData("DEBUG", "1", "expected a boolean (true or false), got '1'")]
    [InlineData("CLOCK_FREQ_MHZ", "fast", "expected a number, got 'fast'")]
    [InlineData("CLOCK_FREQ_MHZ", ".nan", "expected a number, got '.nan'")]
    [InlineData("OUTPUT_DIR", "[a, b]", "expected a string, got a list")]
    public void Wrong_type_names_file_line_key_expected_type_and_value(string key, string value, string expected)
    {
        using var f = TempConfig.WithValue(key, value);
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.Equal($"{f.FilePath}:{f.LineOf(key)}: {key}: {expected}", e.Message);
        Assert.Equal(f.FilePath, e.File);
        Assert.Equal(f.LineOf(key), e.Line);
    }

    [Fact]
    public void Unknown_key_names_the_closest_known_key()
    {
        var text = TempConfig.DefaultText.Replace("\nMM_PARALLEL_N:", "\nMM_PARALEL_N:");
        using var f = new TempConfig(text);
        var errors = HardwareConfigLoader.Read(f.FilePath).Errors.Select(e => e.ToString()).ToList();
        Assert.Contains($"{f.FilePath}:{f.LineOf("MM_PARALEL_N")}: unknown key 'MM_PARALEL_N' (did you mean 'MM_PARALLEL_N'?)", errors);
        // The real key is now missing too, and says where it belongs.
        Assert.Contains($"{f.FilePath}:{f.LineOf("SLR_NUM")}: missing key 'MM_PARALLEL_N' (an integer; it belongs after 'SLR_NUM')", errors);
    }

    [Fact]
    public void Unknown_key_in_the_wrong_case_suggests_the_right_case()
    {
        using var f = new TempConfig(TempConfig.DefaultText + "max_len: 2048\n");
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.Contains($"{f.FilePath}:{f.LineOf("max_len")}: unknown key 'max_len' (did you mean 'MAX_LEN'?)", e.Message);
    }

    [Fact]
    public void Unknown_key_far_from_every_known_key_gets_no_suggestion()
    {
        using var f = new TempConfig(TempConfig.DefaultText + "PIZZA: 4\n");
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.Equal($"{f.FilePath}:{f.LineOf("PIZZA")}: unknown key 'PIZZA'", e.Message);
    }

    [Fact]
    public void Missing_key_is_named_with_its_place_in_the_file()
    {
        using var f = TempConfig.Without("MM_PARALLEL_K");
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.Equal($"{f.FilePath}:{f.LineOf("MM_PARALLEL_N")}: missing key 'MM_PARALLEL_K' (an integer; it belongs after 'MM_PARALLEL_N')", e.Message);
    }

    [Fact]
    public void Missing_first_key_points_at_line_1()
    {
        using var f = TempConfig.Without("OUTPUT_DIR");
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.Equal($"{f.FilePath}:1: missing key 'OUTPUT_DIR' (a string; it belongs at the start)", e.Message);
    }

    [Fact]
    public void Duplicate_key_is_named_at_its_second_line()
    {
        using var f = new TempConfig(TempConfig.DefaultText + "MAX_LEN: 4096\n");
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        var secondLine = f.Text.Split('\n').Length - 1;
        Assert.Equal($"{f.FilePath}:{secondLine}: duplicate key 'MAX_LEN' (each key may appear only once)", e.Message);
    }

    [Theory]
    [InlineData("MM_START_N_NUM: [16,\n")]
    [InlineData("MM_START_N_NUM: \"16\n")]
    [InlineData("MM_START_N_NUM: 16\n  MM_START_M_NUM: 128\n")]
    public void Truncated_or_malformed_YAML_gives_a_line_not_a_stack_trace(string tail)
    {
        var head = string.Join("\n", TempConfig.DefaultText.Split('\n').Take(30)) + "\n";
        using var f = new TempConfig(head + tail);
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.StartsWith($"{f.FilePath}:", e.Message);
        Assert.Contains(": malformed YAML: ", e.Message);
        Assert.InRange(e.Line!.Value, 31, 33); // at or just after the broken line
        Assert.DoesNotContain("\n", e.Message); // no "missing key" noise after a syntax error
        Assert.DoesNotContain("   at ", e.Message);
    }

    [Theory]
    [InlineData("", "the file is empty; expected a mapping of 'KEY: value' lines")]
    [InlineData("# only a comment\n", "the file is empty; expected a mapping of 'KEY: value' lines")]
    [InlineData("- MAX_LEN\n- 2048\n", "expected a mapping of 'KEY: value' lines, got a list")]
    [InlineData("hello\n", "expected a mapping of 'KEY: value' lines, got the single value 'hello'")]
    public void A_document_that_is_not_a_mapping_is_rejected(string text, string expected)
    {
        using var f = new TempConfig(text);
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.Equal($"{f.FilePath}:1: {expected}", e.Message);
    }

    [Fact]
    public void Two_documents_are_rejected_at_the_second()
    {
        using var f = new TempConfig(TempConfig.DefaultText + "---\nMAX_LEN: 2048\n");
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        Assert.Contains("expected one YAML document, found 2", e.Message);
        var separator = Array.IndexOf(f.Text.Split('\n'), "---") + 1; // 1-based line of "---"
        Assert.Equal(separator + 1, e.Line);
    }

    [Fact]
    public void Missing_file_is_an_input_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "vhksim-config-tests", "does-not-exist.yaml");
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(path));
        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void Every_problem_is_reported_one_per_line()
    {
        var text = TempConfig.SetValue(TempConfig.DefaultText, "MAX_LEN", "abc");
        text = TempConfig.SetValue(text, "DEBUG", "perhaps");
        text = TempConfig.RemoveKey(text, "SLR_NUM");
        text += "EXTRA_KEY: 1\n";
        using var f = new TempConfig(text);
        var e = Assert.Throws<InputException>(() => HardwareConfigLoader.Load(f.FilePath));
        var lines = e.Message.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.StartsWith($"{f.FilePath}:", l));
        Assert.Contains(lines, l => l.Contains("DEBUG: expected a boolean"));
        Assert.Contains(lines, l => l.Contains("MAX_LEN: expected an integer"));
        Assert.Contains(lines, l => l.Contains("unknown key 'EXTRA_KEY'"));
        Assert.Contains(lines, l => l.Contains("missing key 'SLR_NUM'"));
        Assert.Equal(f.LineOf("DEBUG"), e.Line); // the exception carries the first problem's line
    }
}
