using System.Text;
using CsCheck;
using Sim.Runner.Infrastructure;
using Sim.Tests.Fuzz;
using Sim.Tests.Shared;
using Sim.Workloads.Ir;
using Sim.Workloads.Models;
using Xunit.Abstractions;

namespace Sim.Runner.Tests.Fuzz;

/// <summary>
/// The case-file reader and the command line, fuzzed (issue 14): a case list or an input error;
/// a command line ends in exit 0 or 1 with no "internal error", whatever the arguments.
/// </summary>
[Collection("Console")]
public sealed class RunnerInputFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void CaseFile()
    {
        var seed = File.ReadAllBytes(Path.Combine(ReferenceData.RepoRoot, "configs", "cases.yaml"));
        Mutations.ValueOrInputError(Mutations.Of(seed), bytes => Infrastructure.CaseFile.Parse(Encoding.UTF8.GetString(bytes), "fuzz.yaml"),
            2000, output, "case file");
    }

    [Fact]
    public void CaseStrings() =>
        Mutations.ValueOrInputError(Mutations.Of("128:512"u8.ToArray(), 3),
            bytes => Vhk158.Profiling.FpgaCase.Parse(Encoding.UTF8.GetString(bytes)), 2000, output, "case strings");

    [Fact]
    public void BucketSpecs() =>
        Mutations.ValueOrInputError(Mutations.Of("prefill:2048"u8.ToArray(), 3),
            bytes => BucketSpec.Parse(Encoding.UTF8.GetString(bytes)), 2000, output, "bucket specs");

    [Fact]
    public void CommandLines()
    {
        var config = Path.Combine(ReferenceData.RepoRoot, "configs", "vhk158.yaml");
        var ir = _dir.File("tiny_decode_token_16.yaml");
        var tiny = ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", "tiny.yaml"));
        IrWriter.WriteFile(new IrGenerator(tiny).Generate(Stage.Decode, 16), ir);
        var deep = _dir.File("deep.yaml");
        File.WriteAllText(deep, "MAX_LEN: " + new string('[', 30000));
        var broken = _dir.File("broken.yaml");
        File.WriteAllText(broken, File.ReadAllText(config).Replace("CLOCK_FREQ_MHZ: 225", "CLOCK_FREQ_MHZ: [225"));
        string[] words =
        [
            config, ir, deep, broken, _dir.Path, _dir.File("missing.yaml"), File.Exists("/dev/zero") ? "/dev/zero" : "nul",
            "check", "config", "ir", "--help", "-h", "--zzz", "--", "-", "", "\0", " ", "--jobs", "0", "-1", "prefill:abc",
            "--config", "--model", "--stage", "decode", "--tokens", "abc", "2147483647", "--case", "128:2147483647", "é",
        ];
        // Verb and sub-verb come first so that nothing simulates or writes: only the checking verbs run.
        var gen = Gen.Select(Gen.Bool.Select(b => b ? "config" : "ir"), Gen.Int[0, words.Length - 1].Array[0, 4],
            (verb, picks) => (string[])[verb, "check", .. picks.Select(i => words[i])]);
        var root = Directory.GetCurrentDirectory();
        Mutations.ValueOrInputError(gen, args =>
        {
            var (code, _, stderr) = CliHarness.Run(args);
            Assert.True(code is 0 or 1, $"exit {code}: {stderr}");
            Assert.DoesNotContain("internal error", stderr);
        }, 400, output, "command lines", threads: 1);
        Assert.Equal(root, Directory.GetCurrentDirectory());
    }

    public void Dispose() => _dir.Dispose();
}
