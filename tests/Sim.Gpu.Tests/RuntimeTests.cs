using Sim.Core.Errors;
using Sim.Gpu.Runtime;

namespace Sim.Gpu.Tests;

public class RuntimeTests
{
    [Fact]
    public void ExplicitLibTorchFolderMustExistAndHoldTheLibrary()
    {
        var e = Assert.Throws<InputException>(() => LibTorchLocator.Find(TorchDevice.Cuda, "/no/such/libtorch", null));
        Assert.Contains("does not exist", e.Message);
        using var tmp = new TempDir();
        e = Assert.Throws<InputException>(() => LibTorchLocator.Find(TorchDevice.Cuda, tmp.Path, null));
        Assert.Contains("libtorch_cuda.so", e.Message);
        Assert.Contains("LD_LIBRARY_PATH", e.Message);
    }

    [Fact]
    public void SearchesLdLibraryPathForTheDevicesLibrary()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        File.WriteAllBytes(Path.Combine(b.Path, "libtorch_cuda.so"), []);
        Assert.Equal(b.Path, LibTorchLocator.Find(TorchDevice.Cuda, null, $"{a.Path}::{b.Path}"));
        Assert.Null(LibTorchLocator.Find(TorchDevice.Cpu, null, $"{a.Path}:{b.Path}"));
        Assert.Null(LibTorchLocator.Find(TorchDevice.Cuda, null, null));
    }

    [Fact]
    public void VersionOfAPyTorchInstallComesFromItsVersionFile()
    {
        using var tmp = new TempDir();
        var lib = Directory.CreateDirectory(Path.Combine(tmp.Path, "torch", "lib")).FullName;
        File.WriteAllText(Path.Combine(tmp.Path, "torch", "version.py"),
            "__version__ = '2.11.0+cu130'\ngit_version = 'abc'\ncuda: Optional[str] = '13.0'\nhip = None\n");
        var (v, cuda) = TorchRuntime.LibTorchVersion(lib);
        Assert.Equal("2.11.0+cu130 (PyTorch)", v);
        Assert.Equal("13.0", cuda);
    }

    [Fact]
    public void CpuRuntimeLoadsTheBundledLibTorch()
    {
        var info = TinyModel.Init();
        Assert.Equal(TorchDevice.Cpu, info.Device);
        Assert.Equal("cpu", info.DeviceName);
        Assert.False(string.IsNullOrEmpty(info.TorchSharpVersion));
        Assert.False(string.IsNullOrEmpty(info.LibTorchVersion));
    }

    [Theory]
    [InlineData("cuda", TorchDevice.Cuda)]
    [InlineData(" CPU ", TorchDevice.Cpu)]
    public void DeviceNames(string text, TorchDevice expected) => Assert.Equal(expected, TorchDeviceNames.Parse(text));

    [Fact]
    public void UnknownDeviceIsBadInput() => Assert.Throws<InputException>(() => TorchDeviceNames.Parse("tpu"));
}
