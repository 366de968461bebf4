#!/usr/bin/env bash
# Runs on the GPU machine (first call of issue 12): what the card and its energy counter do, and
# whether the reworked opt backend (one attention kernel, programmatic dependent launch, GQA)
# compiles, agrees with the other backends and how fast it is, with a step profile per variant.
#   bash .gpu-carry/scripts/gpu/h200-explore.sh [steps...]   (default: all, in this order)
#   steps: card smoke tokens gqa speed peers
# Everything is logged to $OUT/explore-log.txt; the last lines print a short summary.
set -uo pipefail
source "$(dirname "$0")/unpack-env.sh"
log="$out/explore-log.txt"
m7="$carry/configs/models/llama2-7b.yaml"
m8="$carry/configs/models/llama3-8b.yaml"
steps=${*:-card smoke tokens gqa speed peers}

for step in $steps; do
  case "$step" in
    card)
      say "card"
      run nvidia-smi --query-gpu=name,driver_version,memory.total,power.limit,clocks.sm,clocks.mem --format=csv
      run python3 - <<'PY'
import time, pynvml
pynvml.nvmlInit(); h = pynvml.nvmlDeviceGetHandleByIndex(0)
e0 = pynvml.nvmlDeviceGetTotalEnergyConsumption(h); t0 = time.perf_counter(); changes = []; last = e0
while time.perf_counter() - t0 < 1.0:
    e = pynvml.nvmlDeviceGetTotalEnergyConsumption(h)
    if e != last: changes.append(round((time.perf_counter() - t0) * 1000, 1)); last = e
print(f"NVML energy counter: {len(changes)} changes in 1 s idle, at ms {changes[:12]}; {(last - e0) / 1000:.2f} J -> {(last - e0) / 1000:.1f} W idle")
PY
      ;;
    smoke)
      say "smoke: 2 layers, opt 64:32 (compile, capture with programmatic dependent launch)"
      run timeout 120 "$vhksim" gpu --model "$m7" --layers 2 --backend opt --case 64:32 --quick --out "$work/smoke"
      ;;
    tokens)
      say "tokens: 2 layers, torch-opt / naive / opt"
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt naive opt --case 128:64
      say "tokens: 2 layers, 600:40 (several splits, a split boundary crossed)"
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      say "tokens: LLaMA2-7B, torch-opt vs opt"
      run timeout 200 "$vhksim" gpu tokens --model "$m7" --backend torch-opt opt --case 128:64
      ;;
    gqa)
      say "gqa: LLaMA-3-8B shape, 2 layers: tokens and the logits check against transformers"
      run timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt naive opt --case 300:40
      run timeout 200 "$vhksim" gpu logits --model "$m8" --layers 2 --device cuda --save-weights "$scratch/w8" --out "$scratch" --name l8 --tokens 64 &&
        run timeout 200 python3 "$here/check_logits.py" "$scratch/w8" "$scratch/l8.safetensors" "$out/logits-check-gqa.json"
      rm -rf "$scratch/w8" "$scratch/l8.safetensors"
      ;;
    speed)
      # When this ran, programmatic dependent launch was on by default and the GEMV grid had one
      # block per row group; the settings below reproduce that explicitly.
      speed pdl VHKSIM_OPT_PDL=1 VHKSIM_OPT_GEMV_GRID=units
      speed nopdl VHKSIM_OPT_PDL=0 VHKSIM_OPT_GEMV_GRID=units
      speed 4x4 VHKSIM_OPT_PDL=1 VHKSIM_OPT_GEMV_GRID=units VHKSIM_OPT_GEMV_SHAPE=4x4
      speed 4x8 VHKSIM_OPT_PDL=1 VHKSIM_OPT_GEMV_GRID=units VHKSIM_OPT_GEMV_SHAPE=4x8
      speed 8x8 VHKSIM_OPT_PDL=1 VHKSIM_OPT_GEMV_GRID=units VHKSIM_OPT_GEMV_SHAPE=8x8
      ;;
    peers)
      say "peers: compiled decoder and eager generate, 2-layer check then 7B 512:64"
      run timeout 200 python3 "$here/peers/peers.py" "$m7" "$out/peers-try.csv" --case 512:64 --reps 2 --eager-reps 1
      ;;
    *) say "unknown step $step" ;;
  esac
done
say "summary"
cat "$out/speed-summary.txt" 2>/dev/null
grep -E "identical|PASS|FAIL|NVML|tokens/s|compile took|agree" "$log" | tail -30
