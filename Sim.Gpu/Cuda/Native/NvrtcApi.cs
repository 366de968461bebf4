using System.Runtime.InteropServices;
using System.Text;

namespace Sim.Gpu.Cuda.Native;

/// <summary>NVRTC (run-time compilation of CUDA C), bound from the libnvrtc <see cref="LibraryProbe"/> loaded.</summary>
internal sealed unsafe class NvrtcApi
{
    public readonly string Path;
    private readonly delegate* unmanaged<int*, int*, int> _version;
    private readonly delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int> _create;
    private readonly delegate* unmanaged<nint, int, byte**, int> _compile;
    private readonly delegate* unmanaged<nint, nuint*, int> _logSize;
    private readonly delegate* unmanaged<nint, byte*, int> _log;
    private readonly delegate* unmanaged<nint, nuint*, int> _cubinSize;
    private readonly delegate* unmanaged<nint, byte*, int> _cubin;
    private readonly delegate* unmanaged<nint*, int> _destroy;

    public NvrtcApi(nint lib, string path)
    {
        Path = path;
        _version = (delegate* unmanaged<int*, int*, int>)Export(lib, "nvrtcVersion");
        _create = (delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int>)Export(lib, "nvrtcCreateProgram");
        _compile = (delegate* unmanaged<nint, int, byte**, int>)Export(lib, "nvrtcCompileProgram");
        _logSize = (delegate* unmanaged<nint, nuint*, int>)Export(lib, "nvrtcGetProgramLogSize");
        _log = (delegate* unmanaged<nint, byte*, int>)Export(lib, "nvrtcGetProgramLog");
        _cubinSize = (delegate* unmanaged<nint, nuint*, int>)Export(lib, "nvrtcGetCUBINSize");
        _cubin = (delegate* unmanaged<nint, byte*, int>)Export(lib, "nvrtcGetCUBIN");
        _destroy = (delegate* unmanaged<nint*, int>)Export(lib, "nvrtcDestroyProgram");
    }

    public string Version()
    {
        int major, minor;
        return _version(&major, &minor) == 0 ? $"{major}.{minor}" : "?";
    }

    /// <summary>Compiles CUDA C to a cubin for one GPU architecture; a failed compile throws with NVRTC's log.</summary>
    public byte[] CompileToCubin(string source, string name, IReadOnlyList<string> options)
    {
        var src = Utf8Z(source);
        var nm = Utf8Z(name);
        var opts = options.Select(Utf8Z).ToArray();
        var handles = opts.Select(o => GCHandle.Alloc(o, GCHandleType.Pinned)).ToArray();
        nint prog = 0;
        try
        {
            fixed (byte* s = src)
            fixed (byte* n = nm)
            {
                Check(_create(&prog, s, n, 0, null, null), "nvrtcCreateProgram");
            }
            var ptrs = stackalloc byte*[opts.Length];
            for (var i = 0; i < opts.Length; i++) ptrs[i] = (byte*)handles[i].AddrOfPinnedObject();
            var rc = _compile(prog, opts.Length, ptrs);
            if (rc != 0)
                throw new CudaException($"NVRTC could not compile {name} (error {rc}) with {string.Join(" ", options)}:\n{Log(prog)}");
            nuint size;
            Check(_cubinSize(prog, &size), "nvrtcGetCUBINSize");
            var cubin = new byte[(int)size];
            fixed (byte* c = cubin) Check(_cubin(prog, c), "nvrtcGetCUBIN");
            return cubin;
        }
        finally
        {
            foreach (var h in handles) h.Free();
            if (prog != 0) _destroy(&prog);
        }
    }

    private string Log(nint prog)
    {
        nuint size;
        if (_logSize(prog, &size) != 0 || size == 0) return "";
        var buf = new byte[(int)size];
        fixed (byte* b = buf)
        {
            if (_log(prog, b) != 0) return "";
        }
        return Encoding.UTF8.GetString(buf).TrimEnd('\0').Trim();
    }

    private static byte[] Utf8Z(string s) => Encoding.UTF8.GetBytes(s + "\0");

    private static void Check(int rc, string call)
    {
        if (rc != 0) throw new CudaException($"{call} failed: NVRTC error {rc}");
    }

    private static nint Export(nint lib, string name) =>
        NativeLibrary.TryGetExport(lib, name, out var p) ? p
            : throw new CudaException($"the loaded NVRTC has no {name}: it is older than CUDA 11.1");
}
