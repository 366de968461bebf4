using Sim.Tests.Shared;

namespace Sim.Runner.Tests;

[Collection("Console")]
public class IrCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vhksim-ir-cli-").FullName;
    private static string Model(string name) => Path.Combine(ReferenceData.RepoRoot, "configs", "models", name);
    private static readonly string Config = Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Generates_one_file_named_as_the_reference_and_checks_it()
    {
        int rc = Cli.Run(["ir", "--model", Model("llama2-13b.yaml"), "--stage", "decode", "--tokens", "64", "--out", _dir, "--config", Config]);
        Assert.Equal(0, rc);
        var file = Path.Combine(_dir, "llama2_13b_decode_token_64.yaml");
        Assert.True(File.Exists(file));
        Assert.Equal(0, Cli.Run(["ir", "check", file]));
    }

    [SkippableFact]
    public void Generated_7b_file_equals_the_reference()
    {
        ReferenceData.SkipIfAbsent();
        Assert.Equal(0, Cli.Run(["ir", "--model", Model("llama2-7b.yaml"), "--stage", "prefill", "--tokens", "256", "--out", _dir, "--config", Config]));
        const string name = "llama2_prefill_token_256.yaml";
        Assert.Equal(File.ReadAllBytes(Path.Combine(ReferenceData.IrDir, name)), File.ReadAllBytes(Path.Combine(_dir, name)));
    }

    [Fact]
    public void All_writes_every_bucket_up_to_max_len()
    {
        Assert.Equal(0, Cli.Run(["ir", "--model", Model("llama2-7b.yaml"), "--all", "--max-len", "256", "--out", _dir, "--config", Config]));
        var names = Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        var expected = new[] { "llama2_prefill_token_128.yaml", "llama2_prefill_token_256.yaml" }
            .Concat(Enumerable.Range(1, 16).Select(i => $"llama2_decode_token_{16 * i}.yaml"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("--stage", "decode", "--tokens", "500")]        // not a multiple of 16
    [InlineData("--stage", "decode", "--tokens", "4096")]       // beyond max_position_embeddings
    [InlineData("--stage", "decode")]                           // no --tokens
    [InlineData("--all", "--tokens", "16")]                     // both
    [InlineData("--all", "--max-len", "8192")]                  // beyond the model
    public void Bad_arguments_exit_with_input_error(params string[] args)
    {
        Assert.Equal(1, Cli.Run(["ir", "--model", Model("llama2-7b.yaml"), "--out", _dir, .. args]));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Check_reports_a_broken_file_with_exit_code_1()
    {
        Assert.Equal(0, Cli.Run(["ir", "--model", Model("llama2-7b.yaml"), "--stage", "decode", "--tokens", "32", "--out", _dir, "--config", Config]));
        var good = Path.Combine(_dir, "llama2_decode_token_32.yaml");
        var bad = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(good).Replace("  type: silu", "  type: gelu"));
        Assert.Equal(1, Cli.Run(["ir", "check", good, bad]));
        Assert.Equal(1, Cli.Run(["ir", "check", Path.Combine(_dir, "missing.yaml")]));
    }

    [Fact]
    public void Writes_synthetic_masks_beside_the_IR_that_the_profiler_then_reads()
    {
        Assert.Equal(0, Cli.Run(["ir", "--model", Model("llama2-7b.yaml"), "--stage", "prefill", "--tokens", "128", "--out", _dir, "--config", Config, "--mask-seed", "7"]));
        Assert.Equal(32, Directory.GetFiles(Path.Combine(_dir, "attention_mask"), "attention_mask_*.mask.npy").Length);
        Assert.Equal(0, Cli.Run(["profile", "--ir-dir", _dir, "--stage", "prefill", "--tokens", "128", "--config", Config, "--out", Path.Combine(_dir, "out")]));
    }

    [Fact]
    public void No_masks_writes_the_IR_only()
    {
        Assert.Equal(0, Cli.Run(["ir", "--model", Model("llama2-7b.yaml"), "--stage", "decode", "--tokens", "32", "--out", _dir, "--no-masks"]));
        Assert.False(Directory.Exists(Path.Combine(_dir, "attention_mask")));
    }
}
