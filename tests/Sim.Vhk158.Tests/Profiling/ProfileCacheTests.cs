using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks.Synthetic;
using Sim.Vhk158.Pipeline;
using Sim.Vhk158.Profiling;
using Sim.Workloads.Sources;

namespace Sim.Vhk158.Tests.Profiling;

/// <summary>The content-addressed profile cache: an entry is reused only for exactly the inputs that made it, and entries of many configs live side by side.</summary>
public sealed class ProfileCacheTests : IDisposable
{
    private static readonly Bucket[] Buckets = [new(Stage.Decode, 16), new(Stage.Decode, 32)];
    private readonly TempDir _dir = new();
    private readonly GeneratedSource _source = new(TestWorkloads.Model, TestWorkloads.SyntheticMasks);

    public void Dispose() => _dir.Dispose();

    private string CacheDir => Path.Combine(_dir.Path, "cache");

    private SimulationPipeline Runner(HardwareConfig config, bool reuse = true) =>
        new(config, _source, new ProfileCache(CacheDir)) { ReuseCache = reuse, ExportDir = Path.Combine(_dir.Path, "profiler_output") };

    private string Csv(HardwareConfig config, Bucket b) => new ProfileCache(CacheDir).CsvPath(new ProfileKey(config, _source).For(b));

    [Fact]
    public void Rerunning_unchanged_inputs_reuses_every_CSV_with_the_same_totals()
    {
        var config = TestWorkloads.Config();
        var first = Runner(config);
        var fresh = first.Run(Buckets, 1);
        Assert.Equal((0, 2), (first.Cache!.Hits, first.Cache.Misses));

        var second = Runner(config);
        var reused = second.Run(Buckets, 1);
        Assert.Equal((2, 0), (second.Cache!.Hits, second.Cache.Misses));
        foreach (var b in Buckets)
        {
            Assert.Equal(ProfilerCsv.AsPrinted(fresh[b].TotalMs), reused[b].TotalMs);
            Assert.Equal(fresh[b].Units.Select(u => u.Count), reused[b].Units.Select(u => u.Count));
        }
    }

    [Fact]
    public void A_baseline_and_a_what_if_live_side_by_side()
    {
        var config = TestWorkloads.Config();
        var before = Runner(config).Run(Buckets, 1);
        var csvBefore = File.ReadAllText(Csv(config, Buckets[0]));

        var faster = HardwareConfigLoader.WithOverride(config, "CLOCK_FREQ_MHZ", "300");
        var runner = Runner(faster);
        var after = runner.Run(Buckets, 1);
        Assert.Equal(0, runner.Cache!.Hits);
        Assert.True(after[Buckets[0]].TotalMs < before[Buckets[0]].TotalMs);
        Assert.Equal(ProfilerCsv.Format(after[Buckets[0]]), File.ReadAllText(Csv(faster, Buckets[0])));
        Assert.Equal(csvBefore, File.ReadAllText(Csv(config, Buckets[0])));

        // Going back to the original value simulates nothing: its entries are still there.
        var back = Runner(config);
        Assert.Equal(ProfilerCsv.AsPrinted(before[Buckets[0]].TotalMs), back.Run(Buckets, 1)[Buckets[0]].TotalMs);
        Assert.Equal((2, 0), (back.Cache!.Hits, back.Cache.Misses));
    }

    [Fact]
    public void A_machine_option_enters_the_key()
    {
        var config = TestWorkloads.Config();
        var bucket = new Bucket(Stage.Decode, 16);
        var key = new ProfileKey(config, _source).For(bucket);
        var explicitDefault = HardwareConfigLoader.WithOverride(config, "MACHINE.impl", "reference");
        var scaled = HardwareConfigLoader.WithOverride(explicitDefault, "MACHINE.reference.correction_factor", "1.6");
        Assert.NotEqual(key, new ProfileKey(scaled, _source).For(bucket));
        Assert.NotEqual(new ProfileKey(explicitDefault, _source).For(bucket), new ProfileKey(scaled, _source).For(bucket));
    }

    [Fact]
    public void An_edited_CSV_is_simulated_again_not_trusted()
    {
        var config = TestWorkloads.Config();
        Runner(config).Run(Buckets, 1);
        var path = Csv(config, Buckets[0]);
        var original = File.ReadAllText(path);
        var lines = original.Split('\n');
        lines[7] = "TOTAL," + lines[7].Split(',')[1] + ",1.000000,100"; // still a valid CSV, but not the one the key vouches for
        File.WriteAllText(path, string.Join('\n', lines));

        var runner = Runner(config);
        var results = runner.Run(Buckets, 1);
        Assert.Equal((1, 1), (runner.Cache!.Hits, runner.Cache.Misses));
        Assert.NotEqual(1.0, results[Buckets[0]].TotalMs);
        Assert.Equal(original, File.ReadAllText(path));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("inputs 00\ncsv 00\n")]
    public void A_corrupted_or_foreign_key_is_simulated_again(string keyText)
    {
        var config = TestWorkloads.Config();
        Runner(config).Run(Buckets, 1);
        File.WriteAllText(ProfileCache.KeyPath(Csv(config, Buckets[1])), keyText);

        var runner = Runner(config);
        runner.Run(Buckets, 1);
        Assert.Equal((1, 1), (runner.Cache!.Hits, runner.Cache.Misses));
        Assert.Equal(2, Runner(config).Run(Buckets, 1).Count);
    }

    [Fact]
    public void A_CSV_without_a_key_is_not_trusted_and_a_deleted_folder_is_regenerated()
    {
        var config = TestWorkloads.Config();
        Runner(config).Run(Buckets, 1);
        File.Delete(ProfileCache.KeyPath(Csv(config, Buckets[0])));
        var runner = Runner(config);
        runner.Run(Buckets, 1);
        Assert.Equal(1, runner.Cache!.Misses);

        Directory.Delete(CacheDir, recursive: true);
        var again = Runner(config);
        again.Run(Buckets, 1);
        Assert.Equal(2, again.Cache!.Misses);
        Assert.True(File.Exists(Csv(config, Buckets[1])));
    }

    [Fact]
    public void Every_result_is_also_exported_under_the_artifacts_file_name()
    {
        var config = TestWorkloads.Config();
        var runner = Runner(config);
        var results = runner.Run(Buckets, 1);
        foreach (var b in Buckets)
            Assert.Equal(ProfilerCsv.Format(results[b]), File.ReadAllText(runner.ExportPath(b)!));
        Assert.EndsWith(Path.Combine("profiler_output", "llama2_decode_token_16.csv"), runner.ExportPath(Buckets[0]));
    }

    [Fact]
    public void No_reuse_simulates_even_when_the_key_matches()
    {
        var config = TestWorkloads.Config();
        Runner(config).Run(Buckets, 1);
        var runner = Runner(config, reuse: false);
        var done = new List<BucketDone>();
        runner.Run(Buckets, 1, d => { lock (done) done.Add(d); });
        Assert.Equal(0, runner.Cache!.Hits);
        Assert.All(done, d => Assert.False(d.Cached));
    }

    [Fact]
    public void Masks_enter_the_key_of_prefill_buckets_only()
    {
        var config = TestWorkloads.Config();
        var other = new GeneratedSource(TestWorkloads.Model, SyntheticMaskGenerator.Generate(new SyntheticMaskOptions { Seed = 7 }));
        var a = new ProfileKey(config, _source);
        var b = new ProfileKey(config, other);
        Assert.Equal(a.For(new Bucket(Stage.Decode, 64)), b.For(new Bucket(Stage.Decode, 64)));
        Assert.NotEqual(a.For(new Bucket(Stage.Prefill, 128)), b.For(new Bucket(Stage.Prefill, 128)));
        Assert.NotEqual(a.For(new Bucket(Stage.Decode, 64)), a.For(new Bucket(Stage.Decode, 80)));
    }

    [Fact]
    public void Every_config_entry_and_the_model_description_enter_the_key()
    {
        var config = TestWorkloads.Config();
        var bucket = new Bucket(Stage.Decode, 16);
        var key = new ProfileKey(config, _source).For(bucket);
        Assert.NotEqual(key, new ProfileKey(HardwareConfigLoader.WithOverride(config, "DEBUG", "True"), _source).For(bucket));
        Assert.NotEqual(key, new ProfileKey(HardwareConfigLoader.WithOverride(config, "HBM_BW_GB_PER_SEC", "819.3"), _source).For(bucket));

        var yaml = File.ReadAllText(Path.Combine(Sim.Tests.Shared.ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"));
        var edited = _dir.File("model.yaml");
        File.WriteAllText(edited, yaml.Replace("q_proj: 0.7", "q_proj: 0.6"));
        var sparser = new GeneratedSource(Sim.Workloads.Models.ModelDescriptionLoader.Load(edited), TestWorkloads.SyntheticMasks);
        Assert.NotEqual(key, new ProfileKey(config, sparser).For(bucket));
    }

    [Fact]
    public void An_IR_file_enters_the_key_by_its_bytes()
    {
        var irDir = Path.Combine(_dir.Path, "ir");
        Directory.CreateDirectory(irDir);
        var file = Path.Combine(irDir, "llama2_decode_token_16.yaml");
        File.WriteAllText(file, "a");
        var source = new IrDirectorySource(irDir);
        var before = source.ContentKey(Stage.Decode, 16);
        Assert.Equal(before, source.ContentKey(Stage.Decode, 16));
        File.WriteAllText(file, "b");
        Assert.NotEqual(before, source.ContentKey(Stage.Decode, 16));
        Assert.Throws<Sim.Core.Errors.InputException>(() => source.ContentKey(Stage.Decode, 32));
    }
}
