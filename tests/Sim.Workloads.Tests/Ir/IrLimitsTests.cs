using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Workloads.Ir;

namespace Sim.Workloads.Tests.Ir;

/// <summary>IR that no machine could hold or that would crash the reader must be an input error at once (issue 14).</summary>
public sealed class IrLimitsTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void ADimensionOfTwoToTheThirtyIsRejectedWhenRead()
    {
        var model = IrTestData.Tiny();
        model.HiddenSize = 1 << 30;
        var text = IrWriter.ToYaml(new IrGenerator(model).Generate(Stage.Decode, 48));
        var e = Assert.Throws<InputException>(() => IrReader.Read(text, "big.yaml"));
        Assert.Contains("1073741824", e.Message);
        Assert.Contains("big.yaml", e.Message);
    }

    [Fact]
    public void AGeneratedProgramWithinLimitsStillValidates() =>
        IrValidator.Validate(IrTestData.TinyProgram(Stage.Prefill, 128));

    [Fact]
    public void DeepNestingIsAnInputError() =>
        Assert.Throws<InputException>(() => IrReader.Read("- " + new string('[', 30000) + "\n", "deep.yaml"));

    [Fact]
    public void ANulByteIsAnInputError()
    {
        var text = IrWriter.ToYaml(IrTestData.TinyProgram(Stage.Decode));
        var cut = text.IndexOf('\n', text.Length / 2);
        var e = Assert.Throws<InputException>(() => IrReader.Read(text[..cut] + "\0" + text[cut..], "nul.yaml"));
        Assert.Contains("U+0000", e.Message);
    }

    [SkippableFact]
    public void ADeviceIsNotReadToTheEnd()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
        Assert.Throws<InputException>(() => IrReader.ParseFile("/dev/zero"));
    }

    [Fact]
    public void AFolderIsAnInputError() =>
        Assert.Throws<InputException>(() => IrReader.ParseFile(_dir.Path));

    public void Dispose() => _dir.Dispose();
}
