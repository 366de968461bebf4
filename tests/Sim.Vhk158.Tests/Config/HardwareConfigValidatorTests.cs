using Sim.Tests.Shared;
using Sim.Vhk158.Config;

namespace Sim.Vhk158.Tests.Config;

/// <summary>
/// Every config assert of spec §3.3 and the sanity rules: one broken value each, checked through
/// a file so the message's line (the first key the message names) is checked too.
/// </summary>
public class HardwareConfigValidatorTests
{
    [Theory]
    // Sequence blocking.
    [InlineData("MASK_LAYOUT_BLOCK_SIZE", "72", "MASK_LAYOUT_BLOCK_SIZE (72) must be a multiple of FSB_BLOCK_SIZE (16)")]
    [InlineData("MM_PARALLEL_K", "32", "MM_PARALLEL_K (32) must be <= FSB_BLOCK_SIZE (16)")]
    [InlineData("MM_PARALLEL_K", "3", "FSB_BLOCK_SIZE (16) must be a multiple of MM_PARALLEL_K (3)")]
    [InlineData("MAX_LEN", "8", "MAX_LEN (8) must be >= FSB_BLOCK_SIZE (16)")]
    [InlineData("MAX_LEN", "2056", "MAX_LEN (2056) must be a multiple of FSB_BLOCK_SIZE (16)")]
    [InlineData("MAX_LEN", "32", "MAX_LEN (32) must be >= MASK_LAYOUT_BLOCK_SIZE (64)")]
    [InlineData("MAX_LEN", "2064", "MAX_LEN (2064) must be a multiple of MASK_LAYOUT_BLOCK_SIZE (64)")]
    // A and B buffers.
    [InlineData("A_BUFFER_PER_BANK_WIDTH_B", "8", "A_BUFFER_PER_BANK_WIDTH_B (8) must equal MM_PARALLEL_K (16)")]
    [InlineData("A_BUFFER_MM_PER_CHANNEL_WIDTH_B", "128", "A_BUFFER_MM_PER_CHANNEL_WIDTH_B (128) must equal A_BUFFER_PER_BANK_WIDTH_B (16) * A_BUFFER_MM_PER_CHANNEL_BANK_NUM (16) = 256")]
    [InlineData("A_BUFFER_MV_PER_CHANNEL_BANK_NUM", "2", "A_BUFFER_MM_PER_CHANNEL_WIDTH_B (256) // A_BUFFER_MM_PER_CHANNEL_BANK_NUM (16) = 16 must equal A_BUFFER_MV_PER_CHANNEL_WIDTH_B (64) // A_BUFFER_MV_PER_CHANNEL_BANK_NUM (2) = 32")]
    [InlineData("B_BUFFER_MM_BANK_WIDTH_B", "64", "B_BUFFER_MM_BANK_WIDTH_B (64) must equal MM_PARALLEL_N (2) * MM_PARALLEL_K (16) = 32")]
    // Channel map.
    [InlineData("META_BUFFER_HBM_CHANNEL_ID", "7", "META_BUFFER_HBM_CHANNEL_ID (7) must equal B_BUFFER_HBM_CHANNEL_ID (8)")]
    [InlineData("FSB_BUFFER_HBM_CHANNEL_ID", "7", "FSB_BUFFER_HBM_CHANNEL_ID (7) must equal B_BUFFER_HBM_CHANNEL_ID (8)")]
    [InlineData("BIAS_BUFFER_HBM_CHANNEL_ID", "7", "BIAS_BUFFER_HBM_CHANNEL_ID (7) must equal B_BUFFER_HBM_CHANNEL_ID (8)")]
    [InlineData("A_BUFFER_HBM_CHANNEL_NUM", "4", "A_BUFFER_HBM_CHANNEL_START_ID (0) + A_BUFFER_HBM_CHANNEL_NUM (4) = 4 must equal B_BUFFER_HBM_CHANNEL_ID (8)")]
    [InlineData("INST_HBM_CHANNEL_ID", "10", "B_BUFFER_HBM_CHANNEL_ID (8) + 1 = 9 must equal INST_HBM_CHANNEL_ID (10)")]
    [InlineData("B_BUFFER_HBM_CHANNEL_NUM", "2", "B_BUFFER_HBM_CHANNEL_NUM (2) must equal 1")]
    // Global buffer.
    [InlineData("GLOBAL_BUFFER_PER_BANK_WIDTH_B", "32", "GLOBAL_BUFFER_PER_BANK_WIDTH_B (32) must equal A_BUFFER_PER_BANK_WIDTH_B (16)")]
    [InlineData("GLOBAL_BUFFER_MM_PER_CHANNEL_BANK_NUM", "8", "GLOBAL_BUFFER_MM_PER_CHANNEL_BANK_NUM (8) must equal A_BUFFER_MM_PER_CHANNEL_BANK_NUM (16)")]
    [InlineData("GLOBAL_BUFFER_MM_PER_CHANNEL_WIDTH_B", "512", "GLOBAL_BUFFER_MM_PER_CHANNEL_WIDTH_B (512) must equal A_BUFFER_MM_PER_CHANNEL_WIDTH_B (256)")]
    [InlineData("GLOBAL_BUFFER_HBM_CHANNEL_NUM", "4", "GLOBAL_BUFFER_HBM_CHANNEL_NUM (4) must equal A_BUFFER_HBM_CHANNEL_NUM (8)")]
    [InlineData("GLOBAL_BUFFER_HBM_CHANNEL_START_ID", "1", "GLOBAL_BUFFER_HBM_CHANNEL_START_ID (1) must equal A_BUFFER_HBM_CHANNEL_START_ID (0)")]
    [InlineData("GLOBAL_BUFFER_MV_PER_CHANNEL_WIDTH_B", "48", "GLOBAL_BUFFER_MM_PER_CHANNEL_WIDTH_B (256) // GLOBAL_BUFFER_MM_PER_CHANNEL_BANK_NUM (16) = 16 must equal GLOBAL_BUFFER_MV_PER_CHANNEL_WIDTH_B (48) // GLOBAL_BUFFER_MV_PER_CHANNEL_BANK_NUM (2) = 24")]
    [InlineData("GLOBAL_BUFFER_MV_PER_CHANNEL_WIDTH_B", "48", "GLOBAL_BUFFER_MV_PER_CHANNEL_WIDTH_B (48) must equal GLOBAL_BUFFER_MV_PER_CHANNEL_BANK_NUM (2) * 16 = 32")]
    [InlineData("GLOBAL_BUFFER_MISC_PER_CHANNEL_WIDTH_B", "32", "GLOBAL_BUFFER_MISC_PER_CHANNEL_WIDTH_B (32) must equal GLOBAL_BUFFER_MISC_PER_CHANNEL_BANK_NUM (1) * 16 = 16")]
    // Meta, FSB, bias, instructions.
    [InlineData("META_BUFFER_DEPTH", "2048", "META_BUFFER_DEPTH (2048) must equal B_BUFFER_DEPTH (4096)")]
    [InlineData("META_BUFFER_BANK_WIDTH_B", "8", "META_BUFFER_BANK_WIDTH_B (8) * 2 = 16 must equal B_BUFFER_MM_BANK_WIDTH_B (32)")]
    [InlineData("META_BUFFER_HBM_CHANNEL_NUM", "2", "META_BUFFER_HBM_CHANNEL_NUM (2) must equal 1")]
    [InlineData("FSB_BUFFER_HBM_CHANNEL_NUM", "2", "FSB_BUFFER_HBM_CHANNEL_NUM (2) must equal 1")]
    [InlineData("BIAS_BUFFER_BANK_WIDTH_B", "62", "BIAS_BUFFER_BANK_WIDTH_B (62) must be a multiple of 4")]
    [InlineData("BIAS_BUFFER_HBM_CHANNEL_NUM", "2", "BIAS_BUFFER_HBM_CHANNEL_NUM (2) must equal 1")]
    [InlineData("INST_HBM_CHANNEL_NUM", "2", "INST_HBM_CHANNEL_NUM (2) must equal 1")]
    // Sanity.
    [InlineData("MAX_LEN", "0", "MAX_LEN must be > 0, got 0")]
    [InlineData("B_BUFFER_DEPTH", "-4096", "B_BUFFER_DEPTH must be > 0, got -4096")]
    [InlineData("A_BUFFER_HBM_CHANNEL_START_ID", "-1", "A_BUFFER_HBM_CHANNEL_START_ID must be >= 0, got -1")]
    [InlineData("INST_HBM_CHANNEL_ID", "40", "INST_HBM_CHANNEL_ID (40) + INST_HBM_CHANNEL_NUM (1) = 41 must be <= HBM_CHANNEL_NUM (32)")]
    [InlineData("CLOCK_FREQ_MHZ", "0", "CLOCK_FREQ_MHZ must be > 0, got 0")]
    [InlineData("HBM_BW_GB_PER_SEC", "-819.2", "HBM_BW_GB_PER_SEC must be > 0, got -819.2")]
    [InlineData("HBM_BW_SAME_CHANNEL_EFFICIENCY", "1.5", "HBM_BW_SAME_CHANNEL_EFFICIENCY must be in (0, 1], got 1.5")]
    [InlineData("HBM_BW_CROSS_CHANNEL_EFFICIENCY", "0", "HBM_BW_CROSS_CHANNEL_EFFICIENCY must be in (0, 1], got 0")]
    [InlineData("OUTPUT_DIR", "''", "OUTPUT_DIR must not be empty")]
    public void Broken_rule_names_the_keys_and_values(string key, string value, string expected)
    {
        using var f = TempConfig.WithValue(key, value);
        var errors = HardwareConfigLoader.Read(f.FilePath).Errors;
        var error = Assert.Single(errors, e => e.Message == expected);
        Assert.Equal(f.FilePath, error.File);
        var firstKey = expected.Split(' ')[0];
        Assert.Equal(f.LineOf(firstKey), error.Line);
    }

    [Fact]
    public void Valid_configs_have_no_violations()
    {
        Assert.Empty(HardwareConfigValidator.Validate(HardwareConfigLoader.Load(TempConfig.DefaultPath)));
    }

    [SkippableFact]
    public void Reference_config_has_no_violations()
    {
        ReferenceData.SkipIfAbsent();
        Assert.Empty(HardwareConfigValidator.Validate(HardwareConfigLoader.Load(ReferenceData.ConfigPath)));
    }

    [Fact]
    public void All_violations_are_collected()
    {
        var c = HardwareConfigLoader.Load(TempConfig.DefaultPath).Clone();
        c.MaxLen = 2056;
        c.BiasBufferBankWidthB = 62;
        var messages = HardwareConfigValidator.Validate(c).Select(v => v.Message).ToList();
        Assert.Contains("MAX_LEN (2056) must be a multiple of FSB_BLOCK_SIZE (16)", messages);
        Assert.Contains("BIAS_BUFFER_BANK_WIDTH_B (62) must be a multiple of 4", messages);
    }

    [Fact]
    public void A_zero_divisor_is_reported_once_not_as_a_crash()
    {
        var c = HardwareConfigLoader.Load(TempConfig.DefaultPath).Clone();
        c.ABufferMmPerChannelBankNum = 0;
        var messages = HardwareConfigValidator.Validate(c).Select(v => v.Message).ToList();
        Assert.Contains("A_BUFFER_MM_PER_CHANNEL_BANK_NUM must be > 0, got 0", messages);
        Assert.DoesNotContain(messages, m => m.Contains("//"));
    }
}
