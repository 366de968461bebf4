#!/usr/bin/env bash
# The logits check against transformers for the OPT family (and LLaMA-3-8B as a control):
# 2-layer random-weight versions of the real shapes, naive and torch-opt on the CPU (fp32),
# transformers' OPTForCausalLM / LlamaForCausalLM in fp16 and fp32 on the GPU.
# Run on the GPU machine from the folder pack.sh made: bash scripts/gpu/logits-families.sh
set -euo pipefail
source "$(dirname "$0")/unpack-env.sh"
models="$carry/configs/models"
for m in opt-6.7b llama3-8b; do
  "$vhksim" gpu logits --model "$models/$m.yaml" --layers 2 --device cpu --libtorch "$torchlib" \
    --save-weights "$scratch/w-$m" --out "$scratch/l-$m.safetensors" --tokens 64 2>&1 | tail -3
  python3 -c "import json;print(json.load(open('$scratch/w-$m/config.json'))['architectures'])"
  python3 "$here/check_logits.py" "$scratch/w-$m" "$scratch/l-$m.safetensors" "$out/logits-check-$m.json" || echo "check failed for $m"
done
