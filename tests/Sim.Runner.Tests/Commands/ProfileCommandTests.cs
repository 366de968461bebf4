using Sim.Tests.Shared;

namespace Sim.Runner.Tests.Commands;

/// <summary><c>vhksim profile</c> and <c>vhksim fpga</c> end to end, in-process.</summary>
[Collection("Console")]
public sealed class ProfileCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-profile-tests", Guid.NewGuid().ToString("N"));
    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);
    private string[] Common => ["--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", Path.Combine(_dir, "out")];

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Profile_of_generated_IR_prints_and_writes_the_CSV()
    {
        var (code, stdout, stderr) = CliHarness.Run(["profile", "--stage", "decode", "--tokens", "64", .. Common]);
        Assert.True(code == 0, stderr);
        Assert.StartsWith("inst_type,inst_cnt,part_time,part_time_ratio\n", stdout);
        var csv = File.ReadAllText(Path.Combine(_dir, "out", "profiler_output", "llama2_decode_token_64.csv"));
        Assert.Equal(stdout, csv);

        var again = CliHarness.Run(["profile", "--stage", "decode", "--tokens", "64", .. Common]);
        Assert.Equal(stdout, again.Stdout);
        Assert.Contains("reused ", again.Stderr);
        var forced = CliHarness.Run(["profile", "--stage", "decode", "--tokens", "64", "--no-cache", .. Common]);
        Assert.Equal(stdout, forced.Stdout);
        Assert.Contains("wrote ", forced.Stderr);
    }

    [SkippableFact]
    public void Unknown_layer_type_names_the_layer_and_leaves_no_CSV()
    {
        ReferenceData.SkipIfAbsent();
        var ir = Path.Combine(_dir, "ir");
        Directory.CreateDirectory(ir);
        var text = File.ReadAllText(Path.Combine(ReferenceData.IrDir, "llama2_decode_token_16.yaml"));
        int at = text.IndexOf("type: linear_mv", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(ir, "llama2_decode_token_16.yaml"), text[..at] + "type: linear_xx" + text[(at + "type: linear_mv".Length)..]);

        var (code, _, stderr) = CliHarness.Run(["profile", "--ir-dir", ir, "--stage", "decode", "--tokens", "16", .. Common]);
        Assert.Equal(1, code);
        Assert.Contains("round_1_q_proj_layer_0", stderr);
        Assert.Contains("unknown layer type 'linear_xx'", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out", "profiler_output")) &&
                     Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "out", "profiler_output")).Any());
    }

    [SkippableFact]
    public void Missing_mask_file_names_the_attention_layer()
    {
        ReferenceData.SkipIfAbsent();
        var ir = Path.Combine(_dir, "ir");
        Directory.CreateDirectory(Path.Combine(ir, "attention_mask"));
        File.Copy(Path.Combine(ReferenceData.IrDir, "llama2_prefill_token_128.yaml"), Path.Combine(ir, "llama2_prefill_token_128.yaml"));
        File.Copy(Path.Combine(ReferenceData.MaskDir, "attention_mask_0.mask.npy"), Path.Combine(ir, "attention_mask", "attention_mask_0.mask.npy"));

        var (code, _, stderr) = CliHarness.Run(["profile", "--ir-dir", ir, "--stage", "prefill", "--tokens", "128", .. Common]);
        Assert.Equal(1, code);
        Assert.Contains("round_0_attention_qkt_1", stderr);
        Assert.Contains("attention_mask_1.mask.npy", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out", "profiler_output")));
    }

    [Fact]
    public void A_case_longer_than_MAX_LEN_is_an_input_error()
    {
        var (code, _, stderr) = CliHarness.Run(["fpga", "--case", "2000:100", .. Common]);
        Assert.Equal(1, code);
        Assert.Contains("exceeds MAX_LEN 2048", stderr);
    }

    [Fact]
    public void Fpga_prints_one_row_per_case()
    {
        var (code, stdout, stderr) = CliHarness.Run(["fpga", "--case", "128:32", "--case", "64:16", .. Common]);
        Assert.True(code == 0, stderr);
        // A Spectre.Console table: border, header, rule, the two cases, border.
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, rows.Length);
        Assert.StartsWith("| 128:32 ", rows[3]);
        Assert.StartsWith("| 64:16 ", rows[4]);
    }
}
