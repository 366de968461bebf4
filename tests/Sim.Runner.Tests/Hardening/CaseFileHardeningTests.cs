using Sim.Core.Errors;
using Sim.Runner.Infrastructure;
using Sim.Tests.Shared;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Tests.Hardening;

/// <summary>Case files and case strings that used to crash or hang (issue 14).</summary>
public sealed class CaseFileHardeningTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Write(string text)
    {
        var path = _dir.File("cases.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ThirtyThousandNestedListsAreAnInputError() =>
        Assert.Contains("nest", Assert.Throws<InputException>(() => CaseFile.Load(Write("cases:\n  - " + new string('[', 30000) + "\n"))).Message);

    [Theory]
    [InlineData("  - \"128:2147483647\"\n")]
    [InlineData("  - {prefill: 2147483647, decode: 1}\n")]
    public void APrefillPlusDecodeBeyondIntIsAnInputError(string item) =>
        Assert.Contains("cases.yaml", Assert.Throws<InputException>(() => CaseFile.Load(Write("cases:\n" + item))).Message);

    [Fact]
    public void AnOverflowingCaseStringIsAnInputError() =>
        Assert.Throws<InputException>(() => FpgaCase.Parse("128:2147483647"));

    [Fact]
    public void TheLargestCaseThatFitsStillParses() =>
        Assert.Equal(new FpgaCase(1, int.MaxValue - 1), FpgaCase.Parse($"1:{int.MaxValue - 1}"));

    [Fact]
    public void ANulByteIsAnInputError() =>
        Assert.Throws<InputException>(() => CaseFile.Load(Write("cases:\n  - {prefill: 128, decode: 512}\0\n")));

    [SkippableFact]
    public void ADeviceIsNotReadToTheEnd()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
        Assert.Throws<InputException>(() => CaseFile.Load("/dev/zero"));
    }

    public void Dispose() => _dir.Dispose();
}
