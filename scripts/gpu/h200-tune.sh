#!/usr/bin/env bash
# Runs on the GPU machine (second call of issue 12): the opt backend with a grid of only resident
# GEMV blocks (x staged once per block) and attention split sizes: greedy tokens against
# torch-opt first, then LLaMA2-7B 512:512 with a step profile for each variant; then a short
# run of the compiled peer decoder (its CUDA graphs). Log: $OUT/tune-log.txt.
#   bash .gpu-carry/scripts/gpu/h200-tune.sh [steps...]   (default: tokens speed peers)
set -uo pipefail
source "$(dirname "$0")/unpack-env.sh"
log="$out/tune-log.txt"
m7="$carry/configs/models/llama2-7b.yaml"
m8="$carry/configs/models/llama3-8b.yaml"
steps=${*:-tokens speed peers}
for step in $steps; do
  case "$step" in
    tokens)
      say "tokens: 2 layers, torch-opt / naive / opt, default settings"
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt naive opt --case 128:64
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      say "tokens: splits of 64 and 32 keys"
      VHKSIM_OPT_ATT_CHUNK=64 run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      VHKSIM_OPT_ATT_CHUNK=32 run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      say "tokens: LLaMA-3-8B shape (GQA), 2 layers"
      run timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt naive opt --case 300:40
      ;;
    speed)
      speed resident
      speed units VHKSIM_OPT_GEMV_GRID=units
      speed chunk64 VHKSIM_OPT_ATT_CHUNK=64
      speed chunk32 VHKSIM_OPT_ATT_CHUNK=32
      speed pdl VHKSIM_OPT_PDL=1
      ;;
    peers)
      say "peers: compiled decoder only, 7B 512:64"
      run timeout 200 python3 "$here/peers/peers.py" "$m7" "$out/peers-try.csv" --case 512:64 --reps 2 --systems compiled
      ;;
    *) say "unknown step $step" ;;
  esac
done
say "summary"
cat "$out/speed-summary.txt" 2>/dev/null
grep -E "identical|tokens/s|compile took|skipping cudagraphs" "$log" | tail -20
