#!/usr/bin/env bash
# Reproduces results/gpu/h100.csv (LLaMA2-7B, fp16, batch 1, six cases, naive, torch-opt and opt).
#
#   scripts/gpu/measure-h100.sh pack [DIR]     here, with the .NET SDK: build the ~38 MB carry
#                                              folder (self-contained vhksim without the CPU
#                                              libtorch, model configs, scripts); default .gpu-carry
#   DIR/scripts/gpu/../../ ... on the GPU machine (PyTorch with CUDA, no dotnet needed):
#   bash DIR/scripts/gpu/measure-h100.sh gpu   run the steps below in order; results in $OUT
#   scripts/gpu/measure-h100.sh collect OUTDIR here: merge the CSVs from OUTDIR into
#                                              results/gpu/h100.csv
#
# The device tool limits one command to 10 minutes, so the committed numbers came from these
# four commands (each `bash .gpu-carry/scripts/gpu/device-run.sh ...`), in this order, on one
# warm H100 machine; the `gpu` step runs the same commands back to back.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

case "${1:-}" in
  pack)
    bash "$here/pack.sh" "${2:-}"
    cp "$here/measure-h100.sh" "${2:-$(cd "$here/../.." && pwd)/.gpu-carry}/scripts/gpu/"
    ;;
  gpu)
    bash "$here/device-run.sh" smoke                     # libraries, tiny model, logits check, one short 7B case
    RESULT_NAME=naive-128 bash "$here/device-run.sh" measure naive --quick --case 128:512 --case 128:1024 --case 128:1536
    RESULT_NAME=naive-512 bash "$here/device-run.sh" measure naive --quick --case 512:512 --case 512:1024 --case 512:1536
    bash "$here/device-run.sh" measure torch-opt --quick --repetitions 5
    VHKSIM_OPT_PROFILE=1 bash "$here/opt-h100.sh"        # opt: smoke, tokens vs torch-opt, profile, six cases (opt.csv), logits
    ;;
  collect)
    src=${2:?folder with naive-128.csv, naive-512.csv, torch-opt.csv}
    root=$(cd "$here/../.." && pwd)
    dotnet run --project "$root/Sim.Runner" -c Release -- gpu merge --into "$root/results/gpu/h100.csv" \
      "$src/naive-128.csv" "$src/naive-512.csv" "$src/torch-opt.csv" $([ -f "$src/opt.csv" ] && echo "$src/opt.csv")
    [ -f "$src/logits-check.json" ] && cp "$src/logits-check.json" "$root/results/gpu/h100-logits-check.json"
    ;;
  *)
    sed -n '2,16p' "$0"
    exit 2
    ;;
esac
