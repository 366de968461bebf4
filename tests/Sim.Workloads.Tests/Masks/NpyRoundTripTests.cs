using Sim.Tests.Shared;
using System.Text;
using Sim.Workloads.Masks.Npy;

namespace Sim.Workloads.Tests.Masks;

public class NpyRoundTripTests
{
    private static readonly bool[] Sample = [true, false, false, true, true, false];

    [Theory]
    [InlineData(NpyDtype.Bool, "|b1")]
    [InlineData(NpyDtype.UInt8, "|u1")]
    public void Write_then_read_round_trips(NpyDtype dtype, string descr)
    {
        using var tmp = new TempDir();
        var path = tmp.File("a.npy");
        NpyWriter.Write(path, Sample, [2, 3], dtype);
        var npy = NpyReader.Read(path);
        Assert.Equal(descr, npy.Header.Descr);
        Assert.Equal(dtype, npy.Header.Dtype);
        Assert.Equal([2, 3], npy.Shape);
        Assert.Equal(Sample, npy.Data);
        Assert.Single(Directory.GetFiles(tmp.Path)); // the temporary file was renamed
    }

    [Fact]
    public void Write_overwrites_an_existing_file()
    {
        using var tmp = new TempDir();
        var path = tmp.File("a.npy");
        NpyWriter.Write(path, Sample, [6]);
        NpyWriter.Write(path, [true], [1, 1]);
        Assert.Equal([1, 1], NpyReader.Read(path).Shape);
    }

    [Theory]
    // numpy.save's headers (numpy >= 1.24): keys sorted, 21 - len(str(shape[0])) growth spaces,
    // space padding to a 64-byte boundary, final newline.
    [InlineData(new[] { 32, 32, 32 }, 118)]
    [InlineData(new[] { 5 }, 118)]
    [InlineData(new int[0], 118)]
    [InlineData(new[] { 0, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456, 123456 }, 310)]
    public void Header_is_laid_out_as_numpy_writes_it(int[] shape, int headerLength)
    {
        var data = new bool[shape.Aggregate(1, (a, b) => a * b)];
        var bytes = NpyWriter.Encode(data, shape);
        Assert.Equal(headerLength, bytes[8] | bytes[9] << 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal(10 + headerLength + data.Length, bytes.Length);
        var text = Encoding.Latin1.GetString(bytes, 10, headerLength);
        var dict = shape.Length switch
        {
            0 => "{'descr': '|b1', 'fortran_order': False, 'shape': (), }",
            1 => $"{{'descr': '|b1', 'fortran_order': False, 'shape': ({shape[0]},), }}",
            _ => $"{{'descr': '|b1', 'fortran_order': False, 'shape': ({string.Join(", ", shape)}), }}",
        };
        Assert.StartsWith(dict, text);
        Assert.EndsWith("\n", text);
        Assert.Equal(text.TrimEnd('\n').TrimEnd(' '), dict);
    }

    [Fact]
    public void Reads_a_version_2_header()
    {
        var bytes = NpyBytes.Build(NpyBytes.Header(), [1, 0, 0, 0, 1, 1], major: 2);
        var npy = NpyReader.Parse(bytes, "v2.npy");
        Assert.Equal(NpyVersion.V2, npy.Header.Version);
        Assert.Equal([true, false, false, false, true, true], npy.Data);
    }

    [Fact]
    public void Reads_a_version_3_utf8_header()
    {
        var bytes = NpyBytes.Build(NpyBytes.Header(descr: "'u1'"), [0, 0, 0, 0, 0, 7], major: 3, encoding: Encoding.UTF8);
        var npy = NpyReader.Parse(bytes, "v3.npy");
        Assert.Equal(NpyVersion.V3, npy.Header.Version);
        Assert.Equal(NpyDtype.UInt8, npy.Header.Dtype);
        Assert.Equal([false, false, false, false, false, true], npy.Data);
    }

    [Theory]
    [InlineData("'|b1'", NpyDtype.Bool)]
    [InlineData("'b1'", NpyDtype.Bool)]
    [InlineData("'?'", NpyDtype.Bool)]
    [InlineData("\"|u1\"", NpyDtype.UInt8)]
    [InlineData("'<u1'", NpyDtype.UInt8)]
    [InlineData("'>u1'", NpyDtype.UInt8)]
    [InlineData("'u1'", NpyDtype.UInt8)]
    public void Accepts_bool_and_uint8_spellings(string descr, NpyDtype expected)
    {
        var npy = NpyReader.Parse(NpyBytes.Build(NpyBytes.Header(descr: descr), [0, 2, 0, 0, 255, 1]), "x.npy");
        Assert.Equal(expected, npy.Header.Dtype);
        Assert.Equal([false, true, false, false, true, true], npy.Data);
    }

    [Theory]
    [InlineData("{\"shape\":(2,3),\"fortran_order\":False,\"descr\":\"|b1\"}")] // other key order, no spaces
    [InlineData("{'descr': '|b1', 'fortran_order': False, 'shape': (2L, 3L)}  \n")] // Python 2 longs
    [InlineData("{\n 'descr' : '|b1' ,\t'fortran_order' : False , 'shape' : ( 2 , 3 , ) , }")]
    public void Parses_other_valid_header_spellings(string header)
    {
        var npy = NpyReader.Parse(NpyBytes.Build(header, new byte[6]), "x.npy");
        Assert.Equal([2, 3], npy.Shape);
    }

    [Fact]
    public void Reads_rank_0_and_empty_arrays()
    {
        Assert.Equal([true], NpyReader.Parse(NpyBytes.Build(NpyBytes.Header(shape: "()"), [1]), "s.npy").Data);
        var empty = NpyReader.Parse(NpyBytes.Build(NpyBytes.Header(shape: "(0, 4)"), []), "e.npy");
        Assert.Equal([0, 4], empty.Shape);
        Assert.Empty(empty.Data);
    }
}
