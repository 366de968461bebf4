#!/usr/bin/env bash
# Reproduces results/gpu/h200.csv and h200-peers.csv (LLaMA2-7B fp16, batch 1, seeded weights).
#   here:    scripts/gpu/pack.sh /path/to/checkout/.gpu-carry      (then send it with the device tool)
#   GPU:     bash .gpu-carry/scripts/gpu/h200-measure.sh baselines   naive, six cases (quick)
#            bash .gpu-carry/scripts/gpu/h200-measure.sh opt         in ONE command: opt six cases (quick), opt
#                 512:512 (seed protocol: 5 warm-up, 10 timed) with its step profile, the peers
#                 (transformers eager generate, the compiled decoder of peers/), torch-opt six cases (quick)
#            bash .gpu-carry/scripts/gpu/h200-measure.sh final       in ONE command: opt six cases (quick), opt 512:512
#                 (seed protocol) with its step profile, the peers, opt 512:512 of LLaMA-3-8B, LLaMA2-13B and
#                 OPT-6.7B (quick, 5 timed runs), greedy tokens and the logits checks of 2-layer models of the
#                 LLaMA2-7B, LLaMA-3-8B and OPT-6.7B shapes (the third session's committed rows). It leaves 11
#                 files in $OUT and the device tool returns 8: copy the rest from the scratch folder ($TMPDIR/vhksim-gpu/*/gpu_output)
#                 in the next call while the machine is warm; peers.csv is lost, hence `peers512`
#            bash .gpu-carry/scripts/gpu/h200-measure.sh fourth      `final` again after the fourth session's changes, in
#                 five files (the other models' rows and the logits checks in extra.tar.gz: `collect` unpacks it)
#            bash .gpu-carry/scripts/gpu/h200-measure.sh models      LLaMA-3-8B and LLaMA2-13B opt 512:512 (after `fourth`)
#            bash .gpu-carry/scripts/gpu/h200-measure.sh peers512    opt 512:512 (seed protocol) and its peers again
#   The committed files came from `baselines` (naive) and `opt` (torch-opt) on one H200, and from `fourth`
#   (the opt rows, peers, other models, logits checks; eighth session) on another, 2026-11-30; torch-opt ran in
#   the `opt` command because the first try, in `baselines`, outran its 200 s bound after five cases.
#   here:    copy a device folder somewhere writable first (collect unpacks extra.tar.gz into it)
#   here:    scripts/gpu/h200-measure.sh collect DIR...   merge the CSVs from the device folders into results/gpu/
# Each step is bounded by `timeout` so that what finished comes back even when a later step runs long.
set -uo pipefail
mode=${1:?baselines, opt, final, fourth, models, peers512 or collect}
shift
if [ "$mode" = collect ]; then
  root=$(cd "$(dirname "$0")/../.." && pwd)
  # One merge per file, in this order: a later file's row replaces an earlier one of the same case
  # (opt 512:512 of the seed protocol replaces that case's quick row).
  for d in "$@"; do   # `fourth` packs the other models' rows and the logits checks
    [ -f "$d/extra.tar.gz" ] && tar -xzf "$d/extra.tar.gz" -C "$d"
  done
  for name in torch-opt naive opt-six opt-512-seed opt-llama3-8b opt-llama2-13b opt-opt-6.7b; do
    for d in "$@"; do
      [ -f "$d/$name.csv" ] && dotnet run --project "$root/Sim.Runner" -c Release --no-build -- gpu merge --into "$root/results/gpu/h200.csv" "$d/$name.csv"
    done
  done
  for d in "$@"; do
    [ -f "$d/peers.csv" ] && cp "$d/peers.csv" "$root/results/gpu/h200-peers.csv"
    for j in "$d"/logits-check*.json; do [ -f "$j" ] && cp "$j" "$root/results/gpu/h200-$(basename "$j")"; done
  done
  exit 0
fi
source "$(dirname "$0")/unpack-env.sh"
log="$out/measure-log.txt"
models="$carry/configs/models"
m7="$models/llama2-7b.yaml"
measure() {  # measure NAME SECONDS vhksim-gpu-options...: one vhksim gpu run, its CSV to ${into:-$OUT}/NAME.csv
  local name=$1 limit=$2; shift 2
  say "$name: $*"
  run timeout "$limit" "$vhksim" gpu --out "$work/$name" "$@" && cp "$work/$name"/gpu_output/*.csv "${into:-$out}/$name.csv"
}
opt_and_peers() {  # the opt six cases (quick), its 512:512 row (seed protocol) with its step profile, the peers beside it
  measure opt-six 200 --model "$m7" --backend opt --quick
  VHKSIM_OPT_PROFILE=1 measure opt-512-seed 100 --model "$m7" --backend opt --case 512:512
  say "peers, 512:512, same command as the opt row above"
  run timeout 200 python3 "$here/peers/peers.py" "$m7" "$out/peers.csv" --case 512:512 --reps 5 --eager-reps 2
}
other_models() {  # opt 512:512 of the other model families (quick, 5 timed runs), CSVs to ${into:-$OUT}
  for m in llama3-8b llama2-13b opt-6.7b; do
    VHKSIM_OPT_PROFILE=1 measure "opt-$m" 100 --model "$models/$m.yaml" --backend opt --case 512:512 --quick --repetitions 5
  done
}
family_checks() {  # family_checks DIR: greedy tokens and the logits check of 2-layer models of each family's shape
  local m
  for m in llama2-7b llama3-8b opt-6.7b; do
    say "greedy tokens, $m shape, 2 layers"
    run timeout 100 "$vhksim" gpu tokens --model "$models/$m.yaml" --layers 2 --backend torch-opt naive opt --case 300:40
    say "logits check, $m shape, 2 layers"
    run timeout 150 "$vhksim" gpu logits --model "$models/$m.yaml" --layers 2 --device cuda --save-weights "$scratch/w-$m" \
        --out "$scratch" --name "l-$m" --tokens 64 &&
      run timeout 150 python3 "$here/check_logits.py" "$scratch/w-$m" "$scratch/l-$m.safetensors" "$1/logits-check-$m.json"
    rm -rf "$scratch/w-$m" "$scratch/l-$m.safetensors"
  done
}
board_id
case "$mode" in
  baselines)
    measure naive 400 --model "$m7" --backend naive --quick
    ;;
  opt)
    opt_and_peers
    measure torch-opt 280 --model "$m7" --backend torch-opt --quick
    ;;
  final)   # third session: one command for every opt row, the peers beside its 512:512 row, the three
           # other models and the logits checks (run after the opt changes of that session)
    opt_and_peers
    other_models
    family_checks "$out"
    ;;
  fourth)  # fourth session: like `final` (after that session's opt changes), writing five files to $OUT: the
            # other models' rows and the logits checks go into extra.tar.gz (the device tool returns at most 8)
    opt_and_peers
    extra="$scratch/extra" && rm -rf "$extra" && mkdir -p "$extra"
    into="$extra" other_models
    family_checks "$extra"
    tar -czf "$out/extra.tar.gz" -C "$extra" .
    ;;
  models)  # fourth session, after `fourth`: LLaMA-3-8B and LLaMA2-13B again, once balanced grids keep three quarters
            # of their warps (LLaMA2-13B's two-round GEMVs were slower with half)
    for m in llama3-8b llama2-13b; do
      VHKSIM_OPT_PROFILE=1 measure "opt-$m" 100 --model "$models/$m.yaml" --backend opt --case 512:512 --quick --repetitions 5
    done
    say "greedy tokens, llama3-8b shape, 2 layers"
    run timeout 100 "$vhksim" gpu tokens --model "$models/llama3-8b.yaml" --layers 2 --backend torch-opt opt --case 300:40
    ;;
  peers512)  # the opt 512:512 row (seed protocol) and its peers again, in one command, writing only three
              # files to $OUT (the device tool returns at most 8; `final` wrote 11 and lost peers.csv)
    VHKSIM_OPT_PROFILE=1 measure opt-512-seed 100 --model "$m7" --backend opt --case 512:512
    say "peers, 512:512, same command as the opt row above"
    run timeout 200 python3 "$here/peers/peers.py" "$m7" "$out/peers.csv" --case 512:512 --reps 5 --eager-reps 2
    ;;
  *) echo "unknown mode $mode (baselines, opt, final, fourth, models, peers512, collect)" >&2; exit 2 ;;
esac
say "done"
grep -E "tokens/s|identical|PASS|FAIL|agree|compile took|no row|error" "$log" | tail -40
grep -E "graph replays:|opt profile" "$log" | tail -12
