#!/usr/bin/env bash
# Runs on the GPU machine: checks and measures the `opt` backend (CUDA graphs, cuBLAS, NVRTC
# kernels) in one command, most important first, each step logged to $OUT/opt-log.txt:
#   1. a 2-layer model of LLaMA2-7B's shape: libraries load, kernels compile, graphs capture, it runs;
#   2. greedy tokens of opt against torch-opt on the same weights (2 layers, then all 32);
#   3. LLaMA2-7B decode at P=512, D=512 with the own GEMV kernel and with cuBLAS GEMV, each with
#      a profile of one decode step (VHKSIM_OPT_PROFILE=1);
#   4. the six standard cases (quick protocol) -> $OUT/opt.csv;
#   5. the logits check against transformers (2 layers; naive, torch-opt and opt).
# Usage: bash .gpu-carry/scripts/gpu/opt-h100.sh [steps...]   (default: all; steps: smoke tokens speed six logits)
set -uo pipefail
source "$(dirname "$0")/unpack-env.sh"
log="$out/opt-log.txt"
model="$carry/configs/models/llama2-7b.yaml"
steps=${*:-smoke tokens speed six logits}


nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee -a "$log"
ls "$torchlib"/../../nvidia/*/lib 2>/dev/null | grep -E 'nvrtc|cublas' | head -8 | tee -a "$log"

for step in $steps; do
  case "$step" in
    smoke)
      say "smoke: 2 layers, opt, library probing without VHKSIM_CUDA_LIBS"
      if ! run timeout 120 "$vhksim" gpu --model "$model" --layers 2 --backend opt --case 64:32 --quick --out "$work/smoke"; then
        say "smoke failed; again with VHKSIM_CUDA_LIBS = pip's nvidia/*/lib"
        VHKSIM_CUDA_LIBS=$(ls -d "$torchlib"/../../nvidia/*/lib | tr '\n' ':')
        export VHKSIM_CUDA_LIBS
        run timeout 120 "$vhksim" gpu --model "$model" --layers 2 --backend opt --case 64:32 --quick --out "$work/smoke" || { say "smoke failed twice: stop"; exit 1; }
      fi
      ;;
    tokens)
      say "tokens: 2 layers, naive / torch-opt / opt"
      run timeout 120 "$vhksim" gpu tokens --model "$model" --layers 2 --backend torch-opt naive opt --case 128:64
      say "tokens: LLaMA2-7B, torch-opt vs opt"
      run timeout 240 "$vhksim" gpu tokens --model "$model" --backend torch-opt opt --case 128:64
      ;;
    speed)
      say "speed: 7B 512:512, own GEMV kernel"
      VHKSIM_OPT_PROFILE=1 run timeout 180 "$vhksim" gpu --model "$model" --backend opt --case 512:512 --quick --out "$work/speed-kernel"
      say "speed: 7B 512:512, cuBLAS GEMV"
      VHKSIM_OPT_PROFILE=1 VHKSIM_OPT_GEMV=cublas run timeout 180 "$vhksim" gpu --model "$model" --backend opt --case 512:512 --quick --out "$work/speed-cublas"
      cp "$work"/speed-cublas/gpu_output/*.csv "$out/opt-cublas-512.csv" 2>/dev/null
      ;;
    six)
      say "six standard cases, quick protocol"
      run timeout 420 "$vhksim" gpu --model "$model" --backend opt --quick --out "$work/six" && cp "$work"/six/gpu_output/*.csv "$out/opt.csv"
      ;;
    logits)
      say "logits check against transformers, 2 layers"
      run timeout 240 "$vhksim" gpu logits --model "$model" --layers 2 --device cuda --save-weights "$scratch/vhksim-w2" --out "$scratch" --name vhksim-logits --tokens 64 &&
        run timeout 240 python3 "$here/check_logits.py" "$scratch/vhksim-w2" "$scratch/vhksim-logits.safetensors" "$out/logits-check.json"
      ;;
    *) say "unknown step $step" ;;
  esac
done
say "done"
