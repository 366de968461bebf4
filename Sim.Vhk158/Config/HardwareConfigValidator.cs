namespace Sim.Vhk158.Config;

/// <summary>
/// The rules a hardware config must satisfy: basic sanity, then every assertion of the
/// reference's config constructor (spec §3.3, "Config asserts"). All failures are reported, each
/// naming the keys and values involved.
/// </summary>
public static class HardwareConfigValidator
{
    /// <summary>Each HBM channel group: its first channel id and channel count.</summary>
    private static readonly (string Id, string Count)[] ChannelGroups =
    [
        ("A_BUFFER_HBM_CHANNEL_START_ID", "A_BUFFER_HBM_CHANNEL_NUM"),
        ("B_BUFFER_HBM_CHANNEL_ID", "B_BUFFER_HBM_CHANNEL_NUM"),
        ("GLOBAL_BUFFER_HBM_CHANNEL_START_ID", "GLOBAL_BUFFER_HBM_CHANNEL_NUM"),
        ("META_BUFFER_HBM_CHANNEL_ID", "META_BUFFER_HBM_CHANNEL_NUM"),
        ("FSB_BUFFER_HBM_CHANNEL_ID", "FSB_BUFFER_HBM_CHANNEL_NUM"),
        ("BIAS_BUFFER_HBM_CHANNEL_ID", "BIAS_BUFFER_HBM_CHANNEL_NUM"),
        ("INST_HBM_CHANNEL_ID", "INST_HBM_CHANNEL_NUM"),
    ];

    public static IReadOnlyList<ConfigViolation> Validate(HardwareConfig config)
    {
        var r = new ConfigRuleChecker(config);
        CheckSanity(r, config);
        CheckReferenceAsserts(r);
        return r.Violations;
    }

    private static void CheckSanity(ConfigRuleChecker r, HardwareConfig config)
    {
        // Every integer key is a size, a count or a parallelism (> 0) except channel ids (>= 0).
        var ids = ChannelGroups.Select(g => g.Id).ToHashSet();
        foreach (var key in ConfigKeyTable.All.Where(k => k.Kind == ConfigValueKind.Integer))
        {
            if (ids.Contains(key.Name)) r.NonNegative(key.Name);
            else r.Positive(key.Name);
        }
        foreach (var (id, count) in ChannelGroups)
            r.AtMost(r[id] + r[count], r["HBM_CHANNEL_NUM"]);

        r.Number("CLOCK_FREQ_MHZ", v => v > 0, "> 0");
        r.Number("HBM_BW_GB_PER_SEC", v => v > 0, "> 0");
        r.Number("HBM_BW_SAME_CHANNEL_EFFICIENCY", v => v is > 0 and <= 1, "in (0, 1]");
        r.Number("HBM_BW_CROSS_CHANNEL_EFFICIENCY", v => v is > 0 and <= 1, "in (0, 1]");
        // Bounds, not just signs: a clock or an efficiency of 4.9e-324 passes "> 0" and turns
        // transfer times into infinity deep inside the simulation. (Each value gets one message.)
        r.Number("CLOCK_FREQ_MHZ", v => !(v > 0) || v is >= 1 and <= 100_000, "between 1 and 100000 (1 MHz to 100 GHz)");
        r.Number("HBM_BW_GB_PER_SEC", v => !(v > 0) || v is >= 0.001 and <= 1_000_000, "between 0.001 and 1000000");
        r.Number("HBM_BW_SAME_CHANNEL_EFFICIENCY", v => v is not (> 0 and <= 1) || v >= 0.001, "at least 0.001");
        r.Number("HBM_BW_CROSS_CHANNEL_EFFICIENCY", v => v is not (> 0 and <= 1) || v >= 0.001, "at least 0.001");

        r.Require(config.OutputDir.Trim().Length > 0, "OUTPUT_DIR must not be empty", "OUTPUT_DIR");
        // Whether TIMING_MODEL / MACHINE name a known machine model is checked by the machine registry.
    }

    /// <summary>The reference's CFG constructor asserts, in its order.</summary>
    private static void CheckReferenceAsserts(ConfigRuleChecker r)
    {
        // Sequence blocking: the mask layout, the sparse blocks and the MM K parallelism nest.
        var fsb = r["FSB_BLOCK_SIZE"];
        var mask = r["MASK_LAYOUT_BLOCK_SIZE"];
        var maxLen = r["MAX_LEN"];
        r.MultipleOf(mask, fsb);
        r.AtMost(r["MM_PARALLEL_K"], fsb);
        r.MultipleOf(fsb, r["MM_PARALLEL_K"]);
        r.AtLeast(maxLen, fsb);
        r.MultipleOf(maxLen, fsb);
        r.AtLeast(maxLen, mask);
        r.MultipleOf(maxLen, mask);

        // A buffer: one bank feeds one MM K lane; MM and MV views have the same bank width.
        r.Equal(r["A_BUFFER_PER_BANK_WIDTH_B"], r["MM_PARALLEL_K"]);
        r.Equal(r["A_BUFFER_MM_PER_CHANNEL_WIDTH_B"], r["A_BUFFER_PER_BANK_WIDTH_B"] * r["A_BUFFER_MM_PER_CHANNEL_BANK_NUM"]);
        r.Equal(r["A_BUFFER_MM_PER_CHANNEL_WIDTH_B"] / r["A_BUFFER_MM_PER_CHANNEL_BANK_NUM"],
            r["A_BUFFER_MV_PER_CHANNEL_WIDTH_B"] / r["A_BUFFER_MV_PER_CHANNEL_BANK_NUM"]);

        // B buffer: one MM weight line per bank row.
        r.Equal(r["B_BUFFER_MM_BANK_WIDTH_B"], r["MM_PARALLEL_N"] * r["MM_PARALLEL_K"]);

        // Channel map: A's channels, then one shared by B/META/FSB/BIAS, then instructions.
        var b = r["B_BUFFER_HBM_CHANNEL_ID"];
        r.Equal(r["META_BUFFER_HBM_CHANNEL_ID"], b);
        r.Equal(r["FSB_BUFFER_HBM_CHANNEL_ID"], b);
        r.Equal(r["BIAS_BUFFER_HBM_CHANNEL_ID"], b);
        r.Equal(r["A_BUFFER_HBM_CHANNEL_START_ID"] + r["A_BUFFER_HBM_CHANNEL_NUM"], b);
        r.Equal(b + 1, r["INST_HBM_CHANNEL_ID"]);
        r.Equal(r["B_BUFFER_HBM_CHANNEL_NUM"], 1);

        // Global buffer: shaped and wired like the A buffer, 16-byte banks in every view.
        r.Equal(r["GLOBAL_BUFFER_PER_BANK_WIDTH_B"], r["A_BUFFER_PER_BANK_WIDTH_B"]);
        r.Equal(r["GLOBAL_BUFFER_MM_PER_CHANNEL_BANK_NUM"], r["A_BUFFER_MM_PER_CHANNEL_BANK_NUM"]);
        r.Equal(r["GLOBAL_BUFFER_MM_PER_CHANNEL_WIDTH_B"], r["A_BUFFER_MM_PER_CHANNEL_WIDTH_B"]);
        r.Equal(r["GLOBAL_BUFFER_HBM_CHANNEL_NUM"], r["A_BUFFER_HBM_CHANNEL_NUM"]);
        r.Equal(r["GLOBAL_BUFFER_HBM_CHANNEL_START_ID"], r["A_BUFFER_HBM_CHANNEL_START_ID"]);
        r.Equal(r["GLOBAL_BUFFER_MM_PER_CHANNEL_WIDTH_B"] / r["GLOBAL_BUFFER_MM_PER_CHANNEL_BANK_NUM"],
            r["GLOBAL_BUFFER_MV_PER_CHANNEL_WIDTH_B"] / r["GLOBAL_BUFFER_MV_PER_CHANNEL_BANK_NUM"]);
        r.Equal(r["GLOBAL_BUFFER_MM_PER_CHANNEL_WIDTH_B"], r["GLOBAL_BUFFER_MM_PER_CHANNEL_BANK_NUM"] * 16);
        r.Equal(r["GLOBAL_BUFFER_MV_PER_CHANNEL_WIDTH_B"], r["GLOBAL_BUFFER_MV_PER_CHANNEL_BANK_NUM"] * 16);
        r.Equal(r["GLOBAL_BUFFER_MISC_PER_CHANNEL_WIDTH_B"], r["GLOBAL_BUFFER_MISC_PER_CHANNEL_BANK_NUM"] * 16);

        // Meta, FSB, bias and instruction streams: one channel each; meta pairs with B.
        r.Equal(r["META_BUFFER_DEPTH"], r["B_BUFFER_DEPTH"]);
        r.Equal(r["META_BUFFER_BANK_WIDTH_B"] * 2, r["B_BUFFER_MM_BANK_WIDTH_B"]);
        r.Equal(r["META_BUFFER_HBM_CHANNEL_NUM"], 1);
        r.Equal(r["FSB_BUFFER_HBM_CHANNEL_NUM"], 1);
        r.MultipleOf(r["BIAS_BUFFER_BANK_WIDTH_B"], 4);
        r.Equal(r["BIAS_BUFFER_HBM_CHANNEL_NUM"], 1);
        r.Equal(r["INST_HBM_CHANNEL_NUM"], 1);
    }
}
