using System.Text;
using Sim.Tests.Fuzz;
using Sim.Vhk158.Config;
using Sim.Vhk158.Tests.Config;
using Xunit.Abstractions;

namespace Sim.Vhk158.Tests.Fuzz;

/// <summary>Whatever the bytes, loading a config gives a config or a list of errors, never an exception (issue 14).</summary>
public class ConfigFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void ConfigLoader()
    {
        var seed = Encoding.UTF8.GetBytes(TempConfig.DefaultText);
        Mutations.ValueOrInputError(Mutations.Of(seed), bytes =>
        {
            var result = HardwareConfigLoader.Parse(Encoding.UTF8.GetString(bytes), "fuzz.yaml");
            Assert.True(result.Config is not null || result.Errors.Count > 0);
        }, 800, output, "config loader");
    }

    [Fact]
    public void ConfigOverrides()
    {
        var config = HardwareConfigLoader.Load(TempConfig.DefaultPath);
        var keys = HardwareConfigLoader.Entries(config).Select(e => e.Key).Append("NO_SUCH_KEY").ToArray();
        var gen = CsCheck.Gen.Select(CsCheck.Gen.Int[0, keys.Length - 1], Mutations.Of("4096"u8.ToArray(), 2));
        Mutations.ValueOrInputError(gen, t => HardwareConfigLoader.WithOverride(config, keys[t.Item1], Encoding.UTF8.GetString(t.Item2)),
            1500, output, "config --set overrides");
    }
}
