using System.Text.Json;
using Sim.Runner.Commands;
using Sim.Tests.Shared;
using Sim.Vhk158.Energy;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Tests.Commands;

/// <summary><c>vhksim fpga --format json</c> and <c>vhksim validate</c> in-process.</summary>
[Collection("Console")]
public class BoardsCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vhksim-boards-tests", Guid.NewGuid().ToString("N"));

    private static string Repo(params string[] parts) => Path.Combine([ReferenceData.RepoRoot, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Fpga_json_is_an_array_with_one_object_per_case()
    {
        var (code, stdout, stderr) = CliHarness.Run("fpga", "--config", Repo("configs", "vhk158.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"),
            "--case", "128:16", "--case", "256:16", "--out", _dir, "--format", "json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        var first = doc.RootElement[0];
        Assert.Equal(128, first.GetProperty("prefill").GetInt32());
        Assert.Equal(16, first.GetProperty("decode").GetInt32());
        double pre = first.GetProperty("prefill_ms").GetDouble(), dec = first.GetProperty("decode_ms").GetDouble();
        Assert.Equal(pre + dec, first.GetProperty("total_ms").GetDouble(), 9);
        Assert.Equal(16 / dec * 1000, first.GetProperty("decode_tokens_per_s").GetDouble(), 9);
        // The reference machine has no energy model: no energy fields.
        Assert.False(first.TryGetProperty("joules_per_token", out _));
    }

    [Fact]
    public void Fpga_json_carries_energy_where_the_machine_has_a_model()
    {
        var latency = new CaseResult(128, 2, 300, 35);
        var step = new EnergyBreakdown(0.0175, 0.6545, 0.19, 0.001, 0.006, 0, 0);
        var energy = new CaseEnergy(step with { DurationS = 0.3 }, step + step, 2);
        var json = FpgaCommand.Json([new FpgaCommand.FpgaRow(latency, energy)]);
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement[0];
        Assert.Equal(step.TotalJ, row.GetProperty("joules_per_token").GetDouble(), 12);
        Assert.Equal(1 / step.TotalJ, row.GetProperty("tokens_per_joule").GetDouble(), 9);
        Assert.Equal(step.TotalJ / 0.0175, row.GetProperty("decode_watts").GetDouble(), 9);
    }

    [Fact]
    public void Validate_passes_on_the_U280_preset_and_prints_every_target()
    {
        var (code, stdout, stderr) = CliHarness.Run("validate", "--config", Repo("configs", "u280.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", _dir);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("decode step, LLaMA2-7B, context 128", stdout);
        Assert.Contains("hbm random 64 B, 2 PCs", stdout);
        Assert.Contains("decode tokens per joule", stdout);
        Assert.Contains("15 of 15 targets within tolerance", stdout);

        // The same targets as JSON (issue 14: --format on every verb that prints results); the count goes to stderr.
        var json = CliHarness.Run("validate", "--config", Repo("configs", "u280.yaml"), "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", _dir, "--format", "json");
        Assert.True(json.Code == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(15, doc.RootElement.GetArrayLength());
        Assert.All(doc.RootElement.EnumerateArray(), t => Assert.Equal("ok", t.GetProperty("ok").GetString()));
        Assert.Contains(doc.RootElement.EnumerateArray(), t => t.GetProperty("target").GetString() == "decode tokens per joule");
        Assert.Contains("15 of 15 targets within tolerance", json.Stderr);
    }

    [Fact]
    public void Validate_exits_1_when_a_target_is_missed()
    {
        var config = Path.Combine(_dir, "slow.yaml");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(config, File.ReadAllText(Repo("configs", "u280.yaml")).Replace("ld_st_path_latency_ns: 132", "ld_st_path_latency_ns: 400"));
        var (code, stdout, _) = CliHarness.Run("validate", "--config", config, "--model", Repo("configs", "models", "llama2-7b.yaml"), "--out", _dir);
        Assert.Equal(1, code);
        Assert.Contains("MISS", stdout);
    }
}
