using Sim.Tests.Shared;
using Sim.Core.Errors;
using Sim.Workloads.Masks;
using Sim.Workloads.Masks.Npy;

namespace Sim.Workloads.Tests.Masks;

/// <summary>Each kind of bad .npy input gives an InputException naming the file and the problem.</summary>
public class NpyErrorTests
{
    private static InputException Fails(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<InputException>(() => NpyReader.Parse(bytes, "bad.npy"));
        Assert.Equal("bad.npy", e.File);
        Assert.StartsWith("bad.npy: ", e.Message);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
        return e;
    }

    private static byte[] Valid(string? header = null, byte[]? data = null) =>
        NpyBytes.Build(header ?? NpyBytes.Header(), data ?? new byte[6]);

    [Fact]
    public void Bad_magic()
    {
        var bytes = Valid();
        bytes[1] = (byte)'X';
        Fails(bytes, "not a .npy file", "bad magic", "found \\x93\\x58\\x55\\x4d\\x50\\x59");
        Fails("PK\x03\x04"u8.ToArray(), "bad magic");
        Fails([], "bad magic", "empty file");
    }

    [Fact]
    public void Unsupported_version()
    {
        var bytes = Valid();
        bytes[6] = 4;
        Fails(bytes, "unsupported .npy format version 4.0", "1.0, 2.0, 3.0");
    }

    [Fact]
    public void Truncated_header()
    {
        var bytes = Valid();
        Fails(bytes[..9], "truncated .npy header", "header length");
        Fails(bytes[..40], "truncated .npy header", $"says {bytes[8]} bytes", "only 30 follow");
    }

    [Theory]
    [InlineData("{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), ", "end of header")]
    [InlineData("{'descr': '|b1' 'fortran_order': False, 'shape': (2, 3)}", "expected ',' or '}'")]
    [InlineData("{'descr': '|b1', 'fortran_order': Flase, 'shape': (2, 3)}", "unexpected name 'Flase'")]
    [InlineData("{'descr': '|b1, 'fortran_order': False, 'shape': (2, 3)}", "unexpected 'f' in dict")]
    [InlineData("{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3.5)}", "only integers")]
    [InlineData("{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3)} garbage", "after the end of the literal")]
    [InlineData("{'descr': '|b1', 'descr': '|b1', 'fortran_order': False, 'shape': (2, 3)}", "duplicate key 'descr'")]
    [InlineData("{3: '|b1'}", "expected a string key")]
    [InlineData("['descr', '|b1']", "expected a dict")]
    [InlineData("\0\0\0\0", "unexpected character U+0000")]
    public void Unparsable_header(string header, string fragment) =>
        Fails(Valid(header), "unparsable .npy header", fragment);

    [Fact]
    public void Missing_and_unexpected_keys()
    {
        Fails(Valid("{'descr': '|b1', 'shape': (2, 3), }"), "lacks the key 'fortran_order'");
        Fails(Valid("{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}"), "unexpected key(s) 'extra'");
    }

    [Theory]
    [InlineData("'<f4'", "dtype '<f4' is not supported")]
    [InlineData("'<i8'", "dtype '<i8' is not supported")]
    [InlineData("'|u2'", "dtype '|u2' is not supported")]
    [InlineData("[('a', '|b1')]", "structured (record) dtype")]
    public void Wrong_dtype(string descr, string fragment)
    {
        var e = Fails(Valid(NpyBytes.Header(descr: descr)), fragment);
        Assert.Contains("'|b1'", e.Message); // names the allowed dtypes
        Assert.Contains("'|u1'", e.Message);
    }

    [Fact]
    public void Fortran_order() =>
        Fails(Valid(NpyBytes.Header(fortran: "True")), "Fortran (column-major) order", "C order");

    [Theory]
    [InlineData("[2, 3]", "must be a tuple")]
    [InlineData("(2, -3)", "shape entry 1 must be a non-negative integer")]
    [InlineData("(2, 'x')", "shape entry 1 must be a non-negative integer")]
    [InlineData("(99999999999, 1)", "larger than supported")]
    [InlineData("(2147483647, 2147483647)", "more elements than supported")]
    public void Bad_shape(string shape, string fragment) =>
        Fails(Valid(NpyBytes.Header(shape: shape)), fragment);

    [Fact]
    public void Data_length_not_matching_shape()
    {
        Fails(Valid(data: new byte[5]), "truncated .npy data", "(2, 3)", "needs 6 bytes", "has 5");
        Fails(Valid(data: new byte[7]), "longer than its shape", "needs 6 bytes", "has 7");
    }

    [Fact]
    public void Unreadable_file_names_the_path()
    {
        using var tmp = new TempDir();
        var path = tmp.File("none.npy");
        var e = Assert.Throws<InputException>(() => NpyReader.Read(path));
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void Mask_loader_requires_rank_3()
    {
        using var tmp = new TempDir();
        var path = tmp.File(MaskSet.FileName(0));
        File.WriteAllBytes(path, Valid());
        var e = Assert.Throws<InputException>(() => MaskSet.LoadLayer(path));
        Assert.Equal(path, e.File);
        Assert.Contains("rank 3", e.Message);
        Assert.Contains("(2, 3)", e.Message);
    }
}
