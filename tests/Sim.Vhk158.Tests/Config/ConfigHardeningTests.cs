using Sim.Vhk158.Config;

namespace Sim.Vhk158.Tests.Config;

/// <summary>
/// Configs that used to crash the loader, end in "internal error" or be read whole (issue 14):
/// each must be a list of config errors naming the file, never an exception.
/// </summary>
public class ConfigHardeningTests
{
    private static IReadOnlyList<string> Errors(string text)
    {
        using var f = new TempConfig(text);
        return HardwareConfigLoader.Read(f.FilePath).Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void ThirtyThousandNestedBracketsAreOneError()
    {
        var errors = Errors("MAX_LEN: " + new string('[', 30000) + "\n");
        var error = Assert.Single(errors);
        Assert.Contains("nest", error);
    }

    [Fact]
    public void AnUnclosedFlowSequenceIsAMalformedYamlError()
    {
        var errors = Errors(TempConfig.SetValue(TempConfig.DefaultText, "CLOCK_FREQ_MHZ", "[225"));
        Assert.Contains(errors, e => e.Contains("malformed YAML"));
    }

    [Theory]
    [InlineData("HBM_BW_SAME_CHANNEL_EFFICIENCY", "4.9e-324")]
    [InlineData("HBM_BW_CROSS_CHANNEL_EFFICIENCY", "4.9e-324")]
    [InlineData("HBM_BW_GB_PER_SEC", "4.9e-324")]
    [InlineData("CLOCK_FREQ_MHZ", "4.9e-324")]
    [InlineData("CLOCK_FREQ_MHZ", "1e300")]
    public void NumbersNoHardwareRunsAtAreRejected(string key, string value) =>
        Assert.Contains(Errors(TempConfig.SetValue(TempConfig.DefaultText, key, value)), e => e.Contains(key));

    [Fact]
    public void ANulByteAfterAValueIsRejected()
    {
        var text = TempConfig.SetValue(TempConfig.DefaultText, "MAX_LEN", "2048\0junk");
        Assert.Contains(Errors(text), e => e.Contains("U+0000"));
    }

    [Theory]
    [InlineData("!!str 2048")]
    [InlineData("!!float 2048")]
    public void TagsOnIntegerKeysAreRejected(string value) =>
        Assert.Contains(Errors(TempConfig.SetValue(TempConfig.DefaultText, "MAX_LEN", value)), e => e.Contains("MAX_LEN"));

    [SkippableFact]
    public void ADeviceIsNotReadToTheEnd()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
        var error = Assert.Single(HardwareConfigLoader.Read("/dev/zero").Errors);
        Assert.Contains("/dev/zero", error.ToString());
    }

    [Fact]
    public void AHugeFileIsRefusedBeforeReading() =>
        Assert.Contains("larger than", Assert.Single(Errors(TempConfig.DefaultText + new string('#', 2 << 20) + "\n")));
}
