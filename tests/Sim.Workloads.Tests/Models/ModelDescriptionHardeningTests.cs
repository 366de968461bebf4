using Sim.Core.Errors;
using Sim.Tests.Shared;
using Sim.Workloads.Models;

namespace Sim.Workloads.Tests.Models;

/// <summary>
/// Model descriptions that the loader used to accept silently, crash on or take minutes over
/// (issue 14): each must be one <see cref="InputException"/> naming the key.
/// </summary>
public sealed class ModelDescriptionHardeningTests : IDisposable
{
    private readonly TempDir _dir = new();

    private const string Valid =
        "name: t\nfile_prefix: t\nhidden_size: 64\nintermediate_size: 176\nnum_attention_heads: 2\n" +
        "num_hidden_layers: 2\nvocab_size: 160\nmax_position_embeddings: 256\n";

    private string Write(string text)
    {
        var path = _dir.File("model.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private InputException Rejects(string text) =>
        Assert.Throws<InputException>(() => ModelDescriptionLoader.Load(Write(text)));

    [Fact]
    public void TheValidTextLoads() => Assert.Equal(64, ModelDescriptionLoader.Load(Write(Valid)).HiddenSize);

    [Fact]
    public void DuplicateKeysAreRejected() =>
        Assert.Contains("hidden_size", Rejects(Valid + "hidden_size: 128\n").Message);

    [Theory]
    [InlineData("!!str 64")]
    [InlineData("!!float 64")]
    [InlineData("'64'")]
    public void IntegerKeysTakeOnlyPlainIntegers(string value) =>
        Assert.Contains("hidden_size", Rejects(Valid.Replace("hidden_size: 64", $"hidden_size: {value}")).Message);

    [Fact]
    public void ANulByteAfterAValueIsRejected() =>
        Assert.Contains("U+0000", Rejects(Valid.Replace("vocab_size: 160", "vocab_size: 160\0garbage")).Message);

    [Theory]
    [InlineData("num_hidden_layers: 2", "num_hidden_layers: 1000000", "num_hidden_layers")]
    [InlineData("hidden_size: 64", "hidden_size: 1073741824", "hidden_size")]
    [InlineData("intermediate_size: 176", "intermediate_size: 1073741824", "intermediate_size")]
    [InlineData("vocab_size: 160", "vocab_size: 2000000000", "vocab_size")]
    [InlineData("max_position_embeddings: 256", "max_position_embeddings: 2000000000", "max_position_embeddings")]
    public void SizesBeyondAnyMachineAreRejected(string from, string to, string key) =>
        Assert.Contains(key, Rejects(Valid.Replace(from, to)).Message);

    [Fact]
    public void AWeightLargerThanTheBoardIsRejected() =>
        Assert.Contains("vocab_size", Rejects(Valid.Replace("hidden_size: 64", "hidden_size: 65536").Replace("vocab_size: 160", "vocab_size: 1048576")
            .Replace("num_attention_heads: 2", "num_attention_heads: 64")).Message);

    [Theory]
    [InlineData("../../escaped")]
    [InlineData("/escaped")] // an absolute prefix
    [InlineData("sub/dir")]
    [InlineData("..")]
    [InlineData("''")]
    public void AFilePrefixMustBeAPlainName(string prefix) =>
        Assert.Contains("file_prefix", Rejects(Valid.Replace("file_prefix: t", $"file_prefix: {prefix}")).Message);

    [Fact]
    public void DeepNestingIsAnInputError() =>
        Assert.Contains("nest", Rejects(Valid + "ir_bias: " + new string('[', 30000) + "\n").Message);

    [SkippableFact]
    public void ADeviceIsNotReadToTheEnd()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
        var e = Assert.Throws<InputException>(() => ModelDescriptionLoader.Load("/dev/zero"));
        Assert.Contains("/dev/zero", e.Message);
    }

    [Fact]
    public void AHugeFileIsRefusedBeforeReading() =>
        Assert.Contains("larger than", Rejects(Valid + new string('#', 2 << 20) + "\n").Message);

    public void Dispose() => _dir.Dispose();
}
