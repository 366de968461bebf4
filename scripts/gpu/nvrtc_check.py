#!/usr/bin/env python3
"""Compiles Sim.Gpu/Cuda/Kernels/llama.cu with NVRTC, as the opt backend does, without a GPU.

usage: nvrtc_check.py [LIBNVRTC] [-DNAME=VALUE ...]

Catches compile errors before device time is spent. LIBNVRTC defaults to libnvrtc.so.11.2 (any
NVRTC that knows sm_90 will do: Debian's libnvrtc11.2 package, CUDA 11.8, or PyTorch's pip
nvidia-cuda-nvrtc). Prints the log and the registers/spills line of each kernel when ptxas
reports them; exits 1 on a compile error.
"""
import ctypes
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
src_path = os.path.join(here, "..", "..", "Sim.Gpu", "Cuda", "Kernels", "llama.cu")
args = sys.argv[1:]
lib = args.pop(0) if args and not args[0].startswith("-") else "libnvrtc.so.11.2"
nvrtc = ctypes.CDLL(lib)
src = open(src_path, "rb").read()
defines = args or ["-DHEAD_DIM=128"]
if not any(a.startswith("-DHEAD_DIM") for a in defines):
    defines.append("-DHEAD_DIM=128")
opts = [b"--gpu-architecture=sm_90", b"-Xptxas=-v"] + [a.encode() for a in defines]

prog = ctypes.c_void_p()
assert nvrtc.nvrtcCreateProgram(ctypes.byref(prog), src, b"llama.cu", 0, None, None) == 0
arr = (ctypes.c_char_p * len(opts))(*opts)
rc = nvrtc.nvrtcCompileProgram(prog, len(opts), arr)
size = ctypes.c_size_t()
nvrtc.nvrtcGetProgramLogSize(prog, ctypes.byref(size))
log = ctypes.create_string_buffer(size.value)
nvrtc.nvrtcGetProgramLog(prog, log)
text = log.value.decode(errors="replace")
print(text if text.strip() else "(empty log)")
print("compile", "OK" if rc == 0 else f"FAILED ({rc})", " ".join(defines))
sys.exit(0 if rc == 0 else 1)
