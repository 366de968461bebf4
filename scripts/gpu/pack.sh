#!/usr/bin/env bash
# Builds what the GPU machine needs, in DIR (default .gpu-carry): a self-contained vhksim for
# linux-x64 WITHOUT the CPU libtorch (the GPU machine brings PyTorch's CUDA libtorch), the model
# descriptions, these scripts (scripts/gpu, peers/ included) and the kernel sources (kernels/, for
# VHKSIM_OPT_KERNEL_SOURCE). ~38 MB; copy DIR into the checkout the device tool sends.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dest=${1:-$root/.gpu-carry}
cd "$root"
rm -rf publish/gpu
dotnet publish Sim.Runner -c Release -r linux-x64 --self-contained -p:VhkLibTorchCpu=false -o publish/gpu
mkdir -p "$dest/scripts/gpu" "$dest/configs/models"
tar -czf "$dest/vhksim-gpu.tar.gz" -C publish gpu
rm -rf "$dest/scripts/gpu" && mkdir -p "$dest/scripts/gpu"
cp -r scripts/gpu/*.sh scripts/gpu/*.py scripts/gpu/peers "$dest/scripts/gpu/"
cp configs/models/*.yaml "$dest/configs/models/"
rm -rf "$dest/kernels" && mkdir -p "$dest/kernels" && cp Sim.Gpu/Cuda/Kernels/*.cu "$dest/kernels/"
du -sh "$dest"
