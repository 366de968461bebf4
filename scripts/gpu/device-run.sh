#!/usr/bin/env bash
# Runs on the GPU machine (Ubuntu, NVIDIA driver, PyTorch with CUDA, no dotnet, no network).
# Unpacks the self-contained vhksim that pack.sh made, points TorchSharp at PyTorch's own CUDA
# libtorch, and runs one step of the H100 measurement:
#   device-run.sh smoke              libraries, tiny model on CUDA, logits check, one short 7B case
#   device-run.sh measure BACKEND [vhksim gpu options...]   the six standard cases (or --case ...) on one backend;
#                                    the CSV lands in $OUT/${RESULT_NAME:-BACKEND}.csv
#   device-run.sh logits             only the logits check against transformers
# Results and logs go to $OUT (the device tool's return folder) or ./gpu-out.
set -euo pipefail
source "$(dirname "$0")/unpack-env.sh"
models="$carry/configs/models"

logits_check() {
  # A 2-layer model of LLaMA2-7B's shape: C# writes seeded weights as a Hugging Face folder,
  # reloads them through its safetensors reader, and writes each backend's logits; transformers
  # loads the same folder and compares in fp16.
  "$vhksim" gpu logits --model "$models/llama2-7b.yaml" --layers 2 --device cuda \
    --save-weights "$scratch/vhksim-w2" --out "$scratch" --name vhksim-logits --tokens 64
  python3 "$here/check_logits.py" "$scratch/vhksim-w2" "$scratch/vhksim-logits.safetensors" "$out/logits-check.json"
  rm -rf "$scratch/vhksim-w2" "$scratch/vhksim-logits.safetensors"
}

mode=${1:-smoke}
shift || true
case "$mode" in
  smoke)
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.mem --format=csv
    python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
    "$vhksim" gpu --model "$models/tiny.yaml" --device cuda --case 8:16 --quick --out "$work/tiny"
    logits_check
    "$vhksim" gpu --model "$models/llama2-7b.yaml" --device cuda --backend all --case 128:64 \
      --warmup 1 --repetitions 2 --out "$work/smoke" "$@"
    cp "$work"/smoke/gpu_output/*.csv "$out/smoke.csv"
    ;;
  measure)
    backend=${1:?backend}
    shift
    "$vhksim" gpu --model "$models/llama2-7b.yaml" --device cuda --backend "$backend" --out "$work/m" "$@"
    cp "$work"/m/gpu_output/*.csv "$out/${RESULT_NAME:-$backend}.csv"
    ;;
  logits)
    logits_check
    ;;
  *)
    echo "unknown mode '$mode' (smoke, measure, logits)" >&2
    exit 2
    ;;
esac
