using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Workloads.Masks.Npy;

namespace Sim.Workloads.Tests.Masks;

/// <summary>Hostile .npy headers (issue 14): each is one <see cref="InputException"/>, never a crash.</summary>
public sealed class NpyLimitsTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void ThirtyThousandNestedParenthesesAreAnInputError()
    {
        // A 60 KB version 2.0 header; it used to overflow the stack of the literal parser.
        var header = "{'descr': '|b1', 'fortran_order': False, 'shape': " + new string('(', 30000) + "}\n";
        var bytes = NpyBytes.Build(header, [], major: 2);
        Assert.Throws<InputException>(() => NpyReader.Parse(bytes, "deep.npy"));
    }

    [Fact]
    public void NestingJustUnderTheLimitIsASyntaxErrorNotACrash()
    {
        var header = "{'descr': '|b1', 'fortran_order': False, 'shape': " + new string('[', 20) + new string(']', 20) + ", }\n";
        var e = Assert.Throws<InputException>(() => NpyReader.Parse(NpyBytes.Build(header, []), "x.npy"));
        Assert.Contains("shape", e.Message);
    }

    [Fact]
    public void AHeaderLongerThanNumpyReadsIsRejected()
    {
        var header = NpyBytes.Header().TrimEnd('\n') + new string(' ', 20_000) + "\n";
        var e = Assert.Throws<InputException>(() => NpyReader.Parse(NpyBytes.Build(header, new byte[6], major: 2), "long.npy"));
        Assert.Contains("header", e.Message);
    }

    [SkippableFact]
    public void ADeviceIsNotReadToTheEnd()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
        Assert.Throws<InputException>(() => NpyReader.Read("/dev/zero"));
    }

    [Fact]
    public void AFolderIsAnInputError() => Assert.Throws<InputException>(() => NpyReader.Read(_dir.Path));

    public void Dispose() => _dir.Dispose();
}
