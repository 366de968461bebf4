using Sim.Tests.Shared;
using Sim.Vhk158.Config;
using YamlDotNet.RepresentationModel;

namespace Sim.Vhk158.Tests.Config;

public class HardwareConfigLoaderTests
{
    [SkippableFact]
    public void Reference_config_loads_unchanged_and_passes()
    {
        ReferenceData.SkipIfAbsent();
        var result = HardwareConfigLoader.Read(ReferenceData.ConfigPath);
        Assert.Empty(result.Errors);
        var c = result.Config!;
        Assert.Equal(2048, c.MaxLen);
        Assert.False(c.Debug);
        Assert.Equal(819.2, c.HbmBwGBPerSec);
        Assert.Equal(HardwareConfig.DefaultMachine, c.TimingModel); // absent there: the default
        Assert.Equal("reference", c.MachineName);
        Assert.Null(c.Machine);
    }

    [Fact]
    public void Repository_config_loads_and_passes()
    {
        var c = HardwareConfigLoader.Load(TempConfig.DefaultPath);
        Assert.Equal("./.compiler_output", c.OutputDir);
        Assert.Equal(225.0, c.ClockFreqMhz);
        Assert.Equal(9, c.InstHbmChannelId);
        Assert.Equal(0.35, c.HbmBwCrossChannelEfficiency);
        Assert.Equal("reference", c.TimingModel);
    }

    [Fact]
    public void Derived_constants_match_the_spec()
    {
        var c = HardwareConfigLoader.Load(TempConfig.DefaultPath);
        Assert.Equal(4, c.FsbBlockNumPerMaskLayoutBlock);
        Assert.InRange(c.ClockTimeMs, 4.44444444444e-6, 4.44444444445e-6);
        Assert.Equal(4096, c.MmParallelTotal);
        Assert.Equal(1024, c.MvParallelTotal);
        Assert.Equal(27487790694.4, c.HbmChannelBwBPerSec); // exact: 819.2 * 2^30 / 32
        Assert.Equal(268435456L, c.HbmChannelSizeB);
        Assert.Equal(8L << 30, c.HbmTotalSizeB);
        Assert.Equal(3.2, Sim.Vhk158.Machines.Reference.ReferenceMachineFactory.ArtifactCorrectionFactor);
    }

    [SkippableFact]
    public void Repository_config_has_exactly_the_reference_keys_and_values_in_order()
    {
        ReferenceData.SkipIfAbsent();
        var ours = RawEntries(TempConfig.DefaultPath).Where(e => e.Key != "TIMING_MODEL").ToList();
        var reference = RawEntries(ReferenceData.ConfigPath);
        Assert.Equal(reference, ours);
    }

    [Fact]
    public void Repository_config_lists_every_key_in_declaration_order()
    {
        var keys = RawEntries(TempConfig.DefaultPath).Select(e => e.Key);
        Assert.Equal(ConfigKeyTable.All.Select(k => k.Name), keys);
        Assert.Equal(65, ConfigKeyTable.All.Length); // 64 reference keys + TIMING_MODEL
        Assert.Equal(["TIMING_MODEL"], ConfigKeyTable.All.Where(k => !k.Required).Select(k => k.Name));
    }

    [SkippableFact]
    public void Reference_and_repository_configs_give_the_same_entries()
    {
        ReferenceData.SkipIfAbsent();
        Assert.Equal(
            HardwareConfigLoader.Entries(HardwareConfigLoader.Load(ReferenceData.ConfigPath)),
            HardwareConfigLoader.Entries(HardwareConfigLoader.Load(TempConfig.DefaultPath)));
    }

    [Fact]
    public void Entries_are_in_file_order_with_canonical_text()
    {
        var entries = HardwareConfigLoader.Entries(HardwareConfigLoader.Load(TempConfig.DefaultPath));
        Assert.Equal(ConfigKeyTable.All.Select(k => k.Name), entries.Select(e => e.Key));
        var map = entries.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal("false", map["DEBUG"]);
        Assert.Equal("225", map["CLOCK_FREQ_MHZ"]);
        Assert.Equal("819.2", map["HBM_BW_GB_PER_SEC"]);
        Assert.Equal("0.35", map["HBM_BW_CROSS_CHANNEL_EFFICIENCY"]);
        Assert.Equal("2048", map["MAX_LEN"]);
        Assert.Equal("./.compiler_output", map["OUTPUT_DIR"]);
        Assert.Equal("reference", map["TIMING_MODEL"]);
    }

    [Fact]
    public void Timing_model_is_optional()
    {
        using var f = TempConfig.Without("TIMING_MODEL");
        var c = HardwareConfigLoader.Load(f.FilePath);
        Assert.Equal(HardwareConfig.DefaultMachine, c.TimingModel);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("false", false)]
    public void Booleans_take_the_YAML_spellings(string text, bool expected)
    {
        using var f = TempConfig.WithValue("DEBUG", text);
        Assert.Equal(expected, HardwareConfigLoader.Load(f.FilePath).Debug);
    }

    [Theory]
    [InlineData("819", 819.0)]
    [InlineData("819.5", 819.5)]
    [InlineData("8.192e2", 819.2)]
    public void Numbers_accept_integers_and_decimals(string text, double expected)
    {
        using var f = TempConfig.WithValue("HBM_BW_GB_PER_SEC", text);
        Assert.Equal(expected, HardwareConfigLoader.Load(f.FilePath).HbmBwGBPerSec);
    }

    [Fact]
    public void Override_returns_a_validated_copy_with_derived_constants_updated()
    {
        var original = HardwareConfigLoader.Load(TempConfig.DefaultPath);
        var changed = HardwareConfigLoader.WithOverride(original, "MM_PARALLEL_M", "64");
        Assert.Equal(64, changed.MmParallelM);
        Assert.Equal(2048, changed.MmParallelTotal);
        Assert.Equal(128, original.MmParallelM); // the original is untouched

        var faster = HardwareConfigLoader.WithOverride(original, "CLOCK_FREQ_MHZ", "450");
        Assert.Equal(original.ClockTimeMs / 2, faster.ClockTimeMs, 1e-20);
        Assert.True(HardwareConfigLoader.WithOverride(original, "DEBUG", "True").Debug);
    }

    [Fact]
    public void Override_checks_the_type_like_a_file_does()
    {
        var c = HardwareConfigLoader.Load(TempConfig.DefaultPath);
        var e = Assert.Throws<Sim.Core.Errors.InputException>(() => HardwareConfigLoader.WithOverride(c, "MM_PARALLEL_M", "1.5"));
        Assert.Contains("MM_PARALLEL_M=1.5", e.Message);
        Assert.Contains("expected an integer, got '1.5'", e.Message);
    }

    [Fact]
    public void Override_of_an_unknown_key_suggests_the_closest()
    {
        var c = HardwareConfigLoader.Load(TempConfig.DefaultPath);
        var e = Assert.Throws<Sim.Core.Errors.InputException>(() => HardwareConfigLoader.WithOverride(c, "MM_PARALEL_M", "64"));
        Assert.Contains("unknown hardware config key 'MM_PARALEL_M' (did you mean 'MM_PARALLEL_M'?)", e.Message);
    }

    [Fact]
    public void Override_that_breaks_a_rule_lists_every_broken_rule()
    {
        var c = HardwareConfigLoader.Load(TempConfig.DefaultPath);
        var e = Assert.Throws<Sim.Core.Errors.InputException>(() => HardwareConfigLoader.WithOverride(c, "MM_PARALLEL_K", "8"));
        var lines = e.Message.Split('\n');
        Assert.Contains("MM_PARALLEL_K=8: A_BUFFER_PER_BANK_WIDTH_B (16) must equal MM_PARALLEL_K (8)", lines);
        Assert.Contains("MM_PARALLEL_K=8: B_BUFFER_MM_BANK_WIDTH_B (32) must equal MM_PARALLEL_N (2) * MM_PARALLEL_K (8) = 16", lines);
    }

    /// <summary>Top-level keys and raw value text, read independently of the loader.</summary>
    private static List<KeyValuePair<string, string>> RawEntries(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        var mapping = (YamlMappingNode)stream.Documents.Single().RootNode;
        return mapping.Children
            .Select(kv => new KeyValuePair<string, string>(((YamlScalarNode)kv.Key).Value!, ((YamlScalarNode)kv.Value).Value!))
            .ToList();
    }
}
