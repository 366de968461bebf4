#!/usr/bin/env bash
# Runs on the GPU machine (issue 12, third session): speed variants of the opt backend on
# LLaMA2-7B 512:512 (quick, 2 timed runs, with the step profile); greedy tokens against torch-opt
# for the candidate settings (CANDIDATE, environment assignments).
#   steps: pdl (first call: programmatic dependent launch scopes and trigger points, register caps),
#          l2 (second call: L2 prefetch of weights during attention and in GEMV tails), tokens,
#          att (third call: attention's prefetch after its own loads), family (OPT checks and speed),
#          shapes (fourth call: GEMV block shapes), even (fifth call: attention splits of equal length);
#          fuse (fourth session: attention's early loads and block spread, the split combine in the O projection),
#          ring (fourth session: GEMV loads through a shared-memory ring, balanced grids, blocks per SM),
#          early (fourth session: two batches issued before the wait), cluster (fourth session: split combine in clusters).
#          defaults (fourth session: the new defaults against the third session's, three rounds),
#          cublas (fourth session: the cuBLAS decode path's tokens and speed),
#          bulk (fifth session: GEMV weights streamed by the bulk copy engine into per-warp shared-memory rings),
#          persistent (fifth session: all layers of a step in one persistent kernel, phases meeting at grid barriers),
#          check (the current defaults: greedy tokens on 2-layer LLaMA2-7B, LLaMA-3-8B and OPT-6.7B shapes, and the speed),
#          l2again (fifth session: the L2 prefetches of the third session again, with the fourth session's defaults),
#          single (fifth session: GEMV batches summed in place, no register copy, so twice the batch in flight),
#          opreload (fifth session: the O projection's first row pairs into shared memory during attention),
#          board (this board's power limit, clocks and copy bandwidth, then the default speed twice around a second copy),
#          timeline (sixth session: the default, then one graph replay with every warp's marks recorded, DecodeTimeline),
#          kv (sixth session: the layer's key/value cache prefetched into L2 by the QKV GEMV's tail),
#          stage (sixth session: the norm's weights loaded with x after the wait; attention releasing the O projection late),
#          mma (sixth session: the GEMV's products on the tensor cores),
#          push (sixth session: attention's cluster combine by stores into the first block, one barrier),
#          keys (sixth session: attention's keys through shared memory; the QKV GEMV releasing attention at its start),
#          carveout (sixth session: every decode kernel asking for the largest shared-memory carveout),
#          coalesced (sixth session: attention's key rows loaded by groups of lanes, a warp's load whole rows);
#          records (seventh session: every warp's marks as CSV, VHKSIM_OPT_TIMELINE_RECORDS), prefetch (GEMV rows into L2 past
#          the batch in registers), tail (the last round in pieces shared by a block's warps), late (attention's late O
#          prefetch; O releasing gate-up at its start), trigger (GEMVs releasing their dependent at their wait), vlate
#          (attention's values after q; gate-up releasing down at its wait), half2 (the RMSNorm weight by fp16x2 products);
#          warps (eighth session: attention's keys taken by warps, two whole rows per load), warpsmore (on top of it: values
#          prefetched into L2, the O projection released once q is in), warpsdefault (the last two the defaults: tokens, the old
#          choices, values early or by bulk copies on top). The value prefetch and bulk copies measured no faster and were
#          removed afterwards: warps and warpsmore need commit bfa3b96, warpsdefault runs on main without its bulk runs.
#          The variants of fuse and ring that measured slower were removed afterwards (the padding, the combine in the
#          O projection, the ring GEMV, blocks per SM): run those steps from commit 54e54c5; the two early batches of
#          step early were never committed (its log is what remains).
#          The bulk and persistent variants (fifth session) measured slower and were removed too: run those two steps
#          from commit df84fb0, which has the kernels and settings they set, the step single from commit 22dbe3d and
#          opreload from commit ab9d6f1; on main these four steps say so and are skipped.
#          Of the sixth session's steps, kv, stage, keys, carveout and coalesced measured variants that were removed
#          afterwards (none was faster): run them from commit 8a5c5af; timeline, mma and push run on main (mma and push
#          against the old choices named, since they are the defaults now). Of the seventh session's, prefetch needs commit
#          fb752d0 and tail, late, trigger and half2 commit 160f228 (they compare kernel sources with variants since removed);
#          vlate and records run on main.
# Log: $OUT/speed-log.txt, one line per variant in $OUT/speed-summary.txt.
#   bash .gpu-carry/scripts/gpu/h200-speed.sh [steps...]   (default: tokens l2)
# With KERNELS=.gpu-carry/kernels/llama.cu the carried kernel source replaces the built-in one
# (VHKSIM_OPT_KERNEL_SOURCE), so kernel edits can be tried without a new build.
set -uo pipefail
source "$(dirname "$0")/unpack-env.sh"
log="$out/speed-log.txt"
board_id
m7="$carry/configs/models/llama2-7b.yaml"
m8="$carry/configs/models/llama3-8b.yaml"
steps=${*:-tokens l2}
CANDIDATE=${CANDIDATE:-VHKSIM_OPT_PDL=gemv VHKSIM_OPT_PDL_TRIGGER=end VHKSIM_OPT_L2_ATT_MB=64 VHKSIM_OPT_L2_TAIL_MB=16}
[ -n "${KERNELS:-}" ] && export VHKSIM_OPT_KERNEL_SOURCE=$(cd "$(dirname "$KERNELS")" && pwd)/$(basename "$KERNELS")
# For a step whose variants were removed from the code: true when the carried kernel source still has SYMBOL, else
# says which commit the step needs and is false (the step is skipped rather than measuring the default under its names).
needs() {
  grep -q "$1" "$carry/kernels/llama.cu" && return 0
  say "step $step needs commit $2 (its variants were removed from the code afterwards): skipped"
  return 1
}
# Greedy tokens of opt against torch-opt on 2-layer LLaMA2-7B (600:40), LLaMA-3-8B and OPT-6.7B (300:40) shapes,
# with the environment assignments given.   shapes_tokens [ENV=VALUE...]
shapes_tokens() {
  run env "$@" timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
  run env "$@" timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
  run env "$@" timeout 150 "$vhksim" gpu tokens --model "$carry/configs/models/opt-6.7b.yaml" --layers 2 --backend torch-opt opt --case 300:40
}
# A variant's greedy tokens: shapes_tokens, and the LLaMA2-7B shape at 1000:40 (eight attention splits).
#   variant_tokens ENV=VALUE...
variant_tokens() {
  say "tokens: $*"
  shapes_tokens "$@"
  run env "$@" timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1000:40
}
# A copy of the carried kernel source with some of its compile-time defaults changed, for VHKSIM_OPT_KERNEL_SOURCE
# (kernel-only variants need no new build). Prints the file's path; a default it cannot find is logged and left out.
#   variant_source NAME MACRO=VALUE...
variant_source() {
  local name=$1 file="$scratch/llama-$1.cu" m; shift
  cp "$carry/kernels/llama.cu" "$file"
  for m in "$@"; do
    grep -q "^#define ${m%%=*} " "$file" || { say "variant $name: no default for ${m%%=*} in the kernel source"; continue; }
    sed -i "s/^#define ${m%%=*} [^ ]*/#define ${m%%=*} ${m#*=}/" "$file"
  done
  echo "$file"
}
for step in $steps; do
  case "$step" in
    half2)  # seventh session: on top of ATT_VALUES_LATE and GEMV_WAIT_TRIGGER=2, the RMSNorm's weight applied by fp16x2
            # products (GEMV_NORM_HALF2, bit-identical) and x's loads 8 deep (GEMV_X_UNROLL=8: the down projection's x is 22 KB)
      needs GEMV_NORM_HALF2 160f228 || continue
      b="ATT_VALUES_LATE=1 GEMV_WAIT_TRIGGER=2"
      vw=$(variant_source base $b)
      h2=$(variant_source half2 $b GEMV_NORM_HALF2=1)
      x8=$(variant_source x8 $b GEMV_X_UNROLL=8)
      hx=$(variant_source half2-x8 $b GEMV_NORM_HALF2=1 GEMV_X_UNROLL=8)
      say "tokens: $b GEMV_NORM_HALF2=1 GEMV_X_UNROLL=8"
      run env VHKSIM_OPT_KERNEL_SOURCE="$hx" timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      speed default
      speed base VHKSIM_OPT_KERNEL_SOURCE="$vw"
      speed half2 VHKSIM_OPT_KERNEL_SOURCE="$h2"
      speed x8 VHKSIM_OPT_KERNEL_SOURCE="$x8"
      speed half2-x8 VHKSIM_OPT_KERNEL_SOURCE="$hx"
      speed default-again
      speed base-again VHKSIM_OPT_KERNEL_SOURCE="$vw"
      speed half2-again VHKSIM_OPT_KERNEL_SOURCE="$h2"
      speed x8-again VHKSIM_OPT_KERNEL_SOURCE="$x8"
      speed half2-x8-again VHKSIM_OPT_KERNEL_SOURCE="$hx"
      ;;
    warps)  # eighth session: attention with each warp taking 32 keys on its own (ATT_WARPS): two whole key rows per load
            # instruction, softmax statistics per warp, one block barrier; its value rows after q (cp.async, the default
            # VHKSIM_OPT_ATT_VALUES=late), with the keys (early), or by one bulk copy per warp before the wait (ATT_VALUES_BULK);
            # greedy tokens also at 1200:40 (ten splits: the global combine, not the cluster's)
      needs ATT_VALUES_BULK bfa3b96 || continue
      aw=$(variant_source warps ATT_WARPS=1)
      ab=$(variant_source warps-bulk ATT_WARPS=1 ATT_VALUES_BULK=1)
      variant_tokens VHKSIM_OPT_KERNEL_SOURCE="$ab"
      run env VHKSIM_OPT_KERNEL_SOURCE="$ab" timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1200:40
      run env VHKSIM_OPT_KERNEL_SOURCE="$aw" timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1200:40
      speed default
      speed warps VHKSIM_OPT_KERNEL_SOURCE="$aw"
      speed warps-bulk VHKSIM_OPT_KERNEL_SOURCE="$ab"
      speed timeline VHKSIM_OPT_TIMELINE=1
      speed timeline-warps VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$aw"
      speed timeline-warps-bulk VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$ab"
      speed default-again
      speed warps-again VHKSIM_OPT_KERNEL_SOURCE="$aw"
      speed warps-bulk-again VHKSIM_OPT_KERNEL_SOURCE="$ab"
      ;;
    warpsmore)  # eighth session: on top of ATT_WARPS, each warp's value rows prefetched into L2 at its start
                # (ATT_VALUES_PREFETCH), and attention releasing the O projection once q is in (ATT_RELEASE_AT_Q)
      needs ATT_VALUES_PREFETCH bfa3b96 || continue
      aw=$(variant_source warps ATT_WARPS=1)
      ap=$(variant_source warps-vpf ATT_WARPS=1 ATT_VALUES_PREFETCH=1)
      aq=$(variant_source warps-relq ATT_WARPS=1 ATT_RELEASE_AT_Q=1)
      apq=$(variant_source warps-vpf-relq ATT_WARPS=1 ATT_VALUES_PREFETCH=1 ATT_RELEASE_AT_Q=1)
      run env VHKSIM_OPT_KERNEL_SOURCE="$apq" timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      speed default
      speed warps VHKSIM_OPT_KERNEL_SOURCE="$aw"
      speed warps-vpf VHKSIM_OPT_KERNEL_SOURCE="$ap"
      speed warps-relq VHKSIM_OPT_KERNEL_SOURCE="$aq"
      speed warps-vpf-relq VHKSIM_OPT_KERNEL_SOURCE="$apq"
      speed timeline-warps-vpf VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$ap"
      speed timeline-warps-relq VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$aq"
      speed warps-again VHKSIM_OPT_KERNEL_SOURCE="$aw"
      speed warps-vpf-again VHKSIM_OPT_KERNEL_SOURCE="$ap"
      speed warps-relq-again VHKSIM_OPT_KERNEL_SOURCE="$aq"
      speed warps-vpf-relq-again VHKSIM_OPT_KERNEL_SOURCE="$apq"
      speed default-again
      ;;
    warpsdefault)  # eighth session: attention's keys by warps and O released once q is in, now the defaults
                   # (VHKSIM_OPT_ATT_KEYS, VHKSIM_OPT_ATT_TRIGGER): greedy tokens on every shape, against the old choices,
                   # and on top of them the value rows with the keys (early) or by one bulk copy per warp (ATT_VALUES_BULK)
      # the bulk copies were removed afterwards (commit bfa3b96 has them): on main their two runs are left out
      grep -q ATT_VALUES_BULK "$carry/kernels/llama.cu" && ab=$(variant_source bulk ATT_VALUES_BULK=1) || ab=
      variant_tokens
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1200:40
      speed threads-start VHKSIM_OPT_ATT_KEYS=threads VHKSIM_OPT_ATT_TRIGGER=start
      speed warps-start VHKSIM_OPT_ATT_TRIGGER=start
      speed warps-q
      speed warps-q-early VHKSIM_OPT_ATT_VALUES=early
      [ -n "$ab" ] && speed warps-q-bulk VHKSIM_OPT_KERNEL_SOURCE="$ab"
      speed timeline VHKSIM_OPT_TIMELINE=1
      speed threads-start-again VHKSIM_OPT_ATT_KEYS=threads VHKSIM_OPT_ATT_TRIGGER=start
      speed warps-start-again VHKSIM_OPT_ATT_TRIGGER=start
      speed warps-q-again
      speed warps-q-early-again VHKSIM_OPT_ATT_VALUES=early
      [ -n "$ab" ] && speed warps-q-bulk-again VHKSIM_OPT_KERNEL_SOURCE="$ab"
      ;;
    vlate)  # seventh session: attention's value rows requested after this token's q, and the gate-up GEMV releasing the down
            # projection once its wait returns. Now the defaults: the baselines name the old choices (the session's call compared
            # kernel sources, commit 160f228)
      variant_tokens
      speed early-end VHKSIM_OPT_ATT_VALUES=early VHKSIM_OPT_GATEUP_TRIGGER=end
      speed late-end VHKSIM_OPT_GATEUP_TRIGGER=end
      speed early-wait VHKSIM_OPT_ATT_VALUES=early
      speed late-wait
      speed timeline VHKSIM_OPT_TIMELINE=1
      speed early-end-again VHKSIM_OPT_ATT_VALUES=early VHKSIM_OPT_GATEUP_TRIGGER=end
      speed late-end-again VHKSIM_OPT_GATEUP_TRIGGER=end
      speed early-wait-again VHKSIM_OPT_ATT_VALUES=early
      speed late-wait-again
      ;;
    trigger)  # seventh session: GEMVs that release their dependent once their wait returns (GEMV_WAIT_TRIGGER bits:
              # 1 O, 2 gate-up, 4 down, 8 QKV and LM head), against the default (after their main loop)
      needs GEMV_WAIT_TRIGGER 160f228 || continue
      w1=$(variant_source wait1 GEMV_WAIT_TRIGGER=1)
      w2=$(variant_source wait2 GEMV_WAIT_TRIGGER=2)
      w4=$(variant_source wait4 GEMV_WAIT_TRIGGER=4)
      w7=$(variant_source wait7 GEMV_WAIT_TRIGGER=7)
      speed default
      speed wait-o VHKSIM_OPT_KERNEL_SOURCE="$w1"
      speed wait-gateup VHKSIM_OPT_KERNEL_SOURCE="$w2"
      speed wait-down VHKSIM_OPT_KERNEL_SOURCE="$w4"
      speed wait-o-gateup-down VHKSIM_OPT_KERNEL_SOURCE="$w7"
      speed timeline-wait-o VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$w1"
      speed timeline VHKSIM_OPT_TIMELINE=1
      speed default-again
      speed wait-o-again VHKSIM_OPT_KERNEL_SOURCE="$w1"
      speed wait-gateup-again VHKSIM_OPT_KERNEL_SOURCE="$w2"
      speed wait-down-again VHKSIM_OPT_KERNEL_SOURCE="$w4"
      ;;
    late)  # seventh session: attention's L2 prefetch of the O projection once its own loads are in (a middle piece of
           # every row), and the O projection releasing the gate-up GEMV at its start
      needs ATT_PF_LATE 160f228 || continue
      pl=$(variant_source pflate ATT_PF_LATE=1)
      os=$(variant_source ostart GEMV_O_TRIGGER_START=1)
      speed default
      speed pflate8 VHKSIM_OPT_KERNEL_SOURCE="$pl" VHKSIM_OPT_L2_ATT_MB=8
      speed pflate16 VHKSIM_OPT_KERNEL_SOURCE="$pl" VHKSIM_OPT_L2_ATT_MB=16
      speed ostart VHKSIM_OPT_KERNEL_SOURCE="$os"
      speed timeline-pflate16 VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$pl" VHKSIM_OPT_L2_ATT_MB=16
      speed timeline-ostart VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$os"
      speed default-again
      speed pflate8-again VHKSIM_OPT_KERNEL_SOURCE="$pl" VHKSIM_OPT_L2_ATT_MB=8
      speed pflate16-again VHKSIM_OPT_KERNEL_SOURCE="$pl" VHKSIM_OPT_L2_ATT_MB=16
      speed ostart-again VHKSIM_OPT_KERNEL_SOURCE="$os"
      ;;
    tail)  # seventh session: the GEMV's last round cut into pieces taken by whichever warp is free. Commit fb752d0 had them
           # claimed grid-wide through global atomics (slower: 210.8 against 272.8); here within each block, through shared memory
      needs GEMV_TAIL_BATCHES 160f228 || continue
      t1=$(variant_source tail1 GEMV_TAIL_BATCHES=1)
      t2=$(variant_source tail2 GEMV_TAIL_BATCHES=2)
      say "tokens: GEMV_TAIL_BATCHES 1"
      run env VHKSIM_OPT_KERNEL_SOURCE="$t1" VHKSIM_OPT_GEMV_MINBLOCKS=2 timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      run env VHKSIM_OPT_KERNEL_SOURCE="$t1" VHKSIM_OPT_GEMV_MINBLOCKS=2 timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
      speed default
      speed tail1 VHKSIM_OPT_KERNEL_SOURCE="$t1"
      speed tail1-min2 VHKSIM_OPT_KERNEL_SOURCE="$t1" VHKSIM_OPT_GEMV_MINBLOCKS=2
      speed tail2-min2 VHKSIM_OPT_KERNEL_SOURCE="$t2" VHKSIM_OPT_GEMV_MINBLOCKS=2
      speed default-min2 VHKSIM_OPT_GEMV_MINBLOCKS=2
      speed timeline-tail1-min2 VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$t1" VHKSIM_OPT_GEMV_MINBLOCKS=2 VHKSIM_OPT_TIMELINE_RECORDS="$out/timeline-tail1.csv"
      speed default-again
      speed tail1-min2-again VHKSIM_OPT_KERNEL_SOURCE="$t1" VHKSIM_OPT_GEMV_MINBLOCKS=2
      speed tail2-min2-again VHKSIM_OPT_KERNEL_SOURCE="$t2" VHKSIM_OPT_GEMV_MINBLOCKS=2
      gzip -f "$out"/timeline-*.csv
      ;;
    records)  # seventh session: every warp's marks of one graph replay as CSV (gzip), the default grid and the resident one
      speed default
      speed timeline VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_TIMELINE_RECORDS="$out/timeline-balanced.csv"
      speed timeline-resident VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_GEMV_GRID=resident VHKSIM_OPT_TIMELINE_RECORDS="$out/timeline-resident.csv"
      gzip -f "$out"/timeline-*.csv
      ;;
    prefetch)  # seventh session: each GEMV warp's rows prefetched into L2 past the batch it loads into registers (slower)
      needs GEMV_PREFETCH fb752d0 || continue
      p13=$(variant_source pf1-3 GEMV_PREFETCH=1 GEMV_PREFETCH_BATCHES=3)
      p23=$(variant_source pf2-3 GEMV_PREFETCH=2 GEMV_PREFETCH_BATCHES=3)
      p21=$(variant_source pf2-1 GEMV_PREFETCH=2 GEMV_PREFETCH_BATCHES=1)
      p22=$(variant_source pf2-2 GEMV_PREFETCH=2 GEMV_PREFETCH_BATCHES=2)
      say "tokens: GEMV_PREFETCH 2, 3 batches"
      run env VHKSIM_OPT_KERNEL_SOURCE="$p23" timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      speed default
      speed pf1-3 VHKSIM_OPT_KERNEL_SOURCE="$p13"
      speed pf2-3 VHKSIM_OPT_KERNEL_SOURCE="$p23"
      speed pf2-1 VHKSIM_OPT_KERNEL_SOURCE="$p21"
      speed pf2-2 VHKSIM_OPT_KERNEL_SOURCE="$p22"
      speed timeline-pf2-3 VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KERNEL_SOURCE="$p23"
      speed default-again
      speed pf1-3-again VHKSIM_OPT_KERNEL_SOURCE="$p13"
      speed pf2-3-again VHKSIM_OPT_KERNEL_SOURCE="$p23"
      ;;
    timeline)  # sixth session: where a step's time goes between and inside the kernels (DecodeTimeline)
      speed default
      speed timeline VHKSIM_OPT_TIMELINE=1
      speed timeline-nocluster VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_ATT_CLUSTER=off
      speed default-again
      ;;
    stage)  # sixth session: the norm's weights loaded with x; attention releasing the O projection late
      needs GEMV_NORM_WITH_X 8a5c5af || continue
      b="VHKSIM_OPT_NORM=with-x VHKSIM_OPT_ATT_TRIGGER=late"
      say "tokens: $b"
      shapes_tokens $b
      speed default
      speed norm VHKSIM_OPT_NORM=with-x
      speed late VHKSIM_OPT_ATT_TRIGGER=late
      speed both $b
      speed timeline-both VHKSIM_OPT_TIMELINE=1 $b
      speed default-again
      speed norm-again VHKSIM_OPT_NORM=with-x
      speed both-again $b
      ;;
    mma)  # sixth session: the GEMV's products on the tensor cores (mma.sync) instead of converting every weight to fp32.
          # Now the default: the baseline names the FMAs (the session's run also tried attention's late trigger, see 8a5c5af).
      variant_tokens VHKSIM_OPT_GEMV_MATH=mma
      speed fma VHKSIM_OPT_GEMV_MATH=fma
      speed mma VHKSIM_OPT_GEMV_MATH=mma
      speed timeline-mma VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_GEMV_MATH=mma
      speed mma-8x5 VHKSIM_OPT_GEMV_MATH=mma VHKSIM_OPT_GEMV_SHAPE=8x5
      speed mma-16x2 VHKSIM_OPT_GEMV_MATH=mma VHKSIM_OPT_GEMV_SHAPE=16x2
      speed fma-again VHKSIM_OPT_GEMV_MATH=fma
      speed mma-again VHKSIM_OPT_GEMV_MATH=mma
      ;;
    push)  # sixth session: the cluster's splits push their partials into the first block (one barrier); cos, sin before the wait.
           # Now the default: the baseline names the pull (cos and sin before the wait are in both on main).
      variant_tokens VHKSIM_OPT_ATT_COMBINE=push
      speed pull VHKSIM_OPT_ATT_COMBINE=pull
      speed push VHKSIM_OPT_ATT_COMBINE=push
      speed timeline-push VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_ATT_COMBINE=push
      speed pull-again VHKSIM_OPT_ATT_COMBINE=pull
      speed push-again VHKSIM_OPT_ATT_COMBINE=push
      ;;
    keys)  # sixth session: attention's keys through shared memory; the QKV GEMV releasing attention at its start
      needs ATT_K_SHARED 8a5c5af || continue
      variant_tokens VHKSIM_OPT_ATT_KEYS=shared VHKSIM_OPT_QKV_TRIGGER=start
      speed default
      speed keys VHKSIM_OPT_ATT_KEYS=shared
      speed qkvstart VHKSIM_OPT_QKV_TRIGGER=start
      speed keys-qkvstart VHKSIM_OPT_ATT_KEYS=shared VHKSIM_OPT_QKV_TRIGGER=start
      speed timeline-keys VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_ATT_KEYS=shared
      speed default-again
      speed keys-again VHKSIM_OPT_ATT_KEYS=shared
      speed qkvstart-again VHKSIM_OPT_QKV_TRIGGER=start
      ;;
    carveout)  # sixth session: every decode kernel asking for the largest shared-memory carveout (the same split)
      needs ATT_K_COALESCED 8a5c5af || continue
      speed default
      speed carveout VHKSIM_OPT_CARVEOUT=max
      speed carveout-keys VHKSIM_OPT_CARVEOUT=max VHKSIM_OPT_ATT_KEYS=shared
      speed timeline-carveout VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_CARVEOUT=max
      speed default-again
      speed carveout-again VHKSIM_OPT_CARVEOUT=max
      ;;
    coalesced)  # sixth session: attention's key rows loaded by groups of lanes (a warp's load whole rows); x loads unrolled
      needs ATT_K_COALESCED 8a5c5af || continue
      variant_tokens VHKSIM_OPT_ATT_KEYS=coalesced
      speed default
      speed coalesced VHKSIM_OPT_ATT_KEYS=coalesced
      speed timeline-coalesced VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_ATT_KEYS=coalesced
      speed default-again
      speed coalesced-again VHKSIM_OPT_ATT_KEYS=coalesced
      speed coalesced-late VHKSIM_OPT_ATT_KEYS=coalesced VHKSIM_OPT_ATT_TRIGGER=late
      ;;
    kv)  # sixth session: the layer's key/value cache prefetched into L2 by the QKV GEMV's tail (one cache allocation)
      needs pfRanges 8a5c5af || continue
      say "tokens: the default (caches in one allocation), then with the prefetch"
      shapes_tokens
      shapes_tokens VHKSIM_OPT_KV_PREFETCH=on
      speed default
      speed kv VHKSIM_OPT_KV_PREFETCH=on
      speed timeline-kv VHKSIM_OPT_TIMELINE=1 VHKSIM_OPT_KV_PREFETCH=on
      speed default-again
      speed kv-again VHKSIM_OPT_KV_PREFETCH=on
      ;;
    tokens)
      say "tokens: 2 layers, torch-opt / opt, the candidate settings ($CANDIDATE)"
      run env $CANDIDATE timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt naive opt --case 600:40
      run env $CANDIDATE timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
      ;;
    pdl)   # first call: scopes and trigger points of programmatic dependent launch, register caps
      speed off
      speed all VHKSIM_OPT_PDL=all
      speed gemv VHKSIM_OPT_PDL=gemv
      speed gemv-end VHKSIM_OPT_PDL=gemv VHKSIM_OPT_PDL_TRIGGER=end
      speed all-end VHKSIM_OPT_PDL=all VHKSIM_OPT_PDL_TRIGGER=end
      speed min3 VHKSIM_OPT_GEMV_MINBLOCKS=3
      speed gemv-min3 VHKSIM_OPT_PDL=gemv VHKSIM_OPT_GEMV_MINBLOCKS=3
      speed off-again
      ;;
    l2)    # second call: L2 prefetch of the O projection during attention, and of the next matrix in GEMV tails
      g="VHKSIM_OPT_PDL=gemv VHKSIM_OPT_PDL_TRIGGER=end"
      speed gemv-end $g VHKSIM_OPT_L2_ATT_MB=0 VHKSIM_OPT_L2_TAIL_MB=0
      speed att $g VHKSIM_OPT_L2_ATT_MB=64 VHKSIM_OPT_L2_TAIL_MB=0
      speed att-tail8 $g VHKSIM_OPT_L2_ATT_MB=64 VHKSIM_OPT_L2_TAIL_MB=8
      speed att-tail16 $g VHKSIM_OPT_L2_ATT_MB=64 VHKSIM_OPT_L2_TAIL_MB=16
      speed att-tail32 $g VHKSIM_OPT_L2_ATT_MB=64 VHKSIM_OPT_L2_TAIL_MB=32
      speed tail16 $g VHKSIM_OPT_L2_ATT_MB=0 VHKSIM_OPT_L2_TAIL_MB=16
      speed nopdl-att-tail16 VHKSIM_OPT_PDL=off VHKSIM_OPT_L2_ATT_MB=64 VHKSIM_OPT_L2_TAIL_MB=16
      speed all-att-tail16 VHKSIM_OPT_PDL=all VHKSIM_OPT_PDL_TRIGGER=end VHKSIM_OPT_L2_ATT_MB=64 VHKSIM_OPT_L2_TAIL_MB=16
      speed gemv-end-again $g VHKSIM_OPT_L2_ATT_MB=0 VHKSIM_OPT_L2_TAIL_MB=0
      ;;
    att)   # third call: the attention kernel's L2 prefetch of the O projection, issued after its own loads
      speed default
      speed att8 VHKSIM_OPT_L2_ATT_MB=8
      speed att16 VHKSIM_OPT_L2_ATT_MB=16
      speed att32 VHKSIM_OPT_L2_ATT_MB=32
      speed default-again
      ;;
    shapes)  # fourth call: GEMV block shapes (warps x 16-byte loads in flight per lane and row) with the new defaults
      speed default
      speed 16x2 VHKSIM_OPT_GEMV_SHAPE=16x2
      speed 8x2 VHKSIM_OPT_GEMV_SHAPE=8x2
      speed 16x4 VHKSIM_OPT_GEMV_SHAPE=16x4
      speed 4x4 VHKSIM_OPT_GEMV_SHAPE=4x4
      speed 8x3 VHKSIM_OPT_GEMV_SHAPE=8x3
      speed default-again
      ;;
    even)  # fifth call: attention splits of equal length against ATT_CHUNK keys each (two carried sources)
      for v in 0 1; do
        sed "s/^#define ATT_EVEN_SPLITS [01]/#define ATT_EVEN_SPLITS $v/" "$carry/kernels/llama.cu" > "$scratch/llama-even$v.cu"
        grep -q "^#define ATT_EVEN_SPLITS $v" "$scratch/llama-even$v.cu" || say "could not make the source with ATT_EVEN_SPLITS $v"
      done
      say "tokens: even splits, 2 layers"
      export VHKSIM_OPT_KERNEL_SOURCE="$scratch/llama-even1.cu"
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1000:40
      run timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
      unset VHKSIM_OPT_KERNEL_SOURCE
      speed even VHKSIM_OPT_KERNEL_SOURCE="$scratch/llama-even1.cu"
      speed fixed VHKSIM_OPT_KERNEL_SOURCE="$scratch/llama-even0.cu"
      speed even-again VHKSIM_OPT_KERNEL_SOURCE="$scratch/llama-even1.cu"
      speed fixed-again VHKSIM_OPT_KERNEL_SOURCE="$scratch/llama-even0.cu"
      ;;
    fuse)  # fourth session: attention's cache loads before its wait (attention launched programmatically, its
           # blocks spread by shared-memory padding), and the split combine moved into the O projection
      needs combine8 54e54c5 || continue
      c="VHKSIM_OPT_COMBINE=o"; e="VHKSIM_OPT_PDL=all VHKSIM_OPT_ATT_EARLY=on"
      say "tokens: combine in O, early loads, padding 80 KB (2 layers)"
      run env $c $e VHKSIM_OPT_ATT_SHARED_KB=80 timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      run env $c $e VHKSIM_OPT_ATT_SHARED_KB=80 timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
      speed default
      speed combine-o $c
      speed all VHKSIM_OPT_PDL=all
      speed early $e
      speed early-pad40 $e VHKSIM_OPT_ATT_SHARED_KB=40
      speed early-pad80 $e VHKSIM_OPT_ATT_SHARED_KB=80
      speed early-pad180 $e VHKSIM_OPT_ATT_SHARED_KB=180
      speed all-pad80 VHKSIM_OPT_PDL=all VHKSIM_OPT_ATT_SHARED_KB=80
      speed early-pad80-combine-o $e VHKSIM_OPT_ATT_SHARED_KB=80 $c
      speed early-pad40-combine-o $e VHKSIM_OPT_ATT_SHARED_KB=40 $c
      speed early-combine-o $e $c
      speed default-again
      speed combine-o-again $c
      speed early-pad80-combine-o-again $e VHKSIM_OPT_ATT_SHARED_KB=80 $c
      ;;
    ring)  # fourth session: the GEMV's loads through a shared-memory ring (few registers, so the next kernel's blocks
           # can be resident early), grids balanced by rounds, fewer blocks per SM
      needs gemv_ring 54e54c5 || continue
      r="VHKSIM_OPT_GEMV_RING=4 VHKSIM_OPT_GEMV_SHAPE=4x4"
      say "tokens: ring 4x4, 4 stages (2 layers), LLaMA2-7B, LLaMA-3-8B and OPT-6.7B shapes"
      shapes_tokens $r
      say "tokens: balanced grid (2 layers)"
      run env VHKSIM_OPT_GEMV_GRID=balanced timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      speed default
      speed balanced VHKSIM_OPT_GEMV_GRID=balanced
      speed r4-4x4 $r
      speed r4-4x4-bal $r VHKSIM_OPT_GEMV_GRID=balanced
      speed r4-4x4-1sm-start $r VHKSIM_OPT_GEMV_BLOCKS_PER_SM=1 VHKSIM_OPT_PDL_TRIGGER=start
      speed r4-4x4-1sm-end $r VHKSIM_OPT_GEMV_BLOCKS_PER_SM=1
      speed r6-4x4-1sm-start VHKSIM_OPT_GEMV_RING=6 VHKSIM_OPT_GEMV_SHAPE=4x4 VHKSIM_OPT_GEMV_BLOCKS_PER_SM=1 VHKSIM_OPT_PDL_TRIGGER=start
      speed r4-8x2 VHKSIM_OPT_GEMV_RING=4 VHKSIM_OPT_GEMV_SHAPE=8x2
      speed r8-4x2-1sm-start VHKSIM_OPT_GEMV_RING=8 VHKSIM_OPT_GEMV_SHAPE=4x2 VHKSIM_OPT_GEMV_BLOCKS_PER_SM=1 VHKSIM_OPT_PDL_TRIGGER=start
      speed r3-8x4 VHKSIM_OPT_GEMV_RING=3 VHKSIM_OPT_GEMV_SHAPE=8x4
      speed r4-4x4-early-all $r VHKSIM_OPT_PDL=all VHKSIM_OPT_ATT_EARLY=on
      speed r4-4x4-bal-early-all $r VHKSIM_OPT_GEMV_GRID=balanced VHKSIM_OPT_PDL=all VHKSIM_OPT_ATT_EARLY=on
      speed balanced-early-all VHKSIM_OPT_GEMV_GRID=balanced VHKSIM_OPT_PDL=all VHKSIM_OPT_ATT_EARLY=on
      speed default-again
      ;;
    early)  # fourth session: two batches of weights issued before the wait; balanced grids; registers capped at 128
      say "step early: its variant (VHKSIM_OPT_GEMV_EARLY) was never committed: skipped"; continue
      b="VHKSIM_OPT_GEMV_GRID=balanced VHKSIM_OPT_GEMV_MINBLOCKS=2"; e="VHKSIM_OPT_PDL=all VHKSIM_OPT_ATT_EARLY=on"
      say "tokens: two early batches, balanced, early attention (2 layers), LLaMA2-7B, LLaMA-3-8B and OPT-6.7B shapes"
      shapes_tokens $b $e VHKSIM_OPT_GEMV_EARLY=2
      speed min2 VHKSIM_OPT_GEMV_MINBLOCKS=2
      speed bal-min2 $b
      speed bal-min2-att $b $e
      speed bal-min2-early2 $b VHKSIM_OPT_GEMV_EARLY=2
      speed bal-min2-early2-att $b $e VHKSIM_OPT_GEMV_EARLY=2
      speed bal-min2-early2-att-start $b $e VHKSIM_OPT_GEMV_EARLY=2 VHKSIM_OPT_PDL_TRIGGER=start
      speed min2-early2 VHKSIM_OPT_GEMV_MINBLOCKS=2 VHKSIM_OPT_GEMV_EARLY=2
      speed bal-min2-again $b
      speed bal-min2-early2-att-again $b $e VHKSIM_OPT_GEMV_EARLY=2
      ;;
    cluster)  # fourth session: the attention splits of a head as one thread block cluster, combined in shared memory,
              # on top of the best so far (balanced grids, attention launched programmatically with early cache loads)
      best="VHKSIM_OPT_GEMV_GRID=balanced VHKSIM_OPT_PDL=all VHKSIM_OPT_ATT_EARLY=on"
      say "tokens: best + clusters (2 layers); 1000:40 passes 8 splits, where the kernel falls back to the counter"
      run env $best VHKSIM_OPT_ATT_CLUSTER=on timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      run env $best VHKSIM_OPT_ATT_CLUSTER=on timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1000:40
      run env $best VHKSIM_OPT_ATT_CLUSTER=on timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
      speed best $best
      speed best-cluster $best VHKSIM_OPT_ATT_CLUSTER=on
      speed cluster VHKSIM_OPT_ATT_CLUSTER=on
      speed best-cluster-gemvpdl VHKSIM_OPT_GEMV_GRID=balanced VHKSIM_OPT_ATT_CLUSTER=on
      speed best-chunk64 $best VHKSIM_OPT_ATT_CHUNK=64
      speed best-again $best
      speed best-cluster-again $best VHKSIM_OPT_ATT_CLUSTER=on
      ;;
    defaults)  # fourth session, last: the new defaults against the third session's, alternated in one call
      old="VHKSIM_OPT_GEMV_GRID=resident VHKSIM_OPT_PDL=gemv VHKSIM_OPT_ATT_EARLY=off VHKSIM_OPT_ATT_CLUSTER=off"
      for round in 1 2 3; do
        speed new-$round
        speed third-$round $old
      done
      ;;
    cublas)  # fourth session: the optional cuBLAS decode GEMVs (VHKSIM_OPT_GEMV=cublas) with the new attention kernel
      say "tokens: cuBLAS GEMVs (2 layers), LLaMA2-7B at 600:40 and 1000:40 (past 8 splits), LLaMA-3-8B at 300:40"
      run env VHKSIM_OPT_GEMV=cublas timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      run env VHKSIM_OPT_GEMV=cublas timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1000:40
      run env VHKSIM_OPT_GEMV=cublas timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
      speed cublas VHKSIM_OPT_GEMV=cublas
      speed kernel
      ;;
    bulk)  # fifth session: GEMV weights by bulk copies (cp.async.bulk + mbarrier) into a ring of 4 KB slots per warp;
           # warps x slots, blocks per SM (room for the next kernel's blocks) and the trigger point
      needs gemv_bulk bd25f49 || continue
      b="VHKSIM_OPT_GEMV_LOADS=bulk"
      say "tokens: bulk GEMV (2 layers), LLaMA2-7B, LLaMA-3-8B and OPT-6.7B shapes"
      shapes_tokens $b
      speed default
      speed b8x3 $b
      speed b8x3-start $b VHKSIM_OPT_PDL_TRIGGER=start
      speed b8x2 $b VHKSIM_OPT_GEMV_STAGES=2
      speed b8x2-1sm-start $b VHKSIM_OPT_GEMV_STAGES=2 VHKSIM_OPT_GEMV_SM_BLOCKS=1 VHKSIM_OPT_PDL_TRIGGER=start
      speed b4x4 $b VHKSIM_OPT_GEMV_SHAPE=4x4 VHKSIM_OPT_GEMV_STAGES=4
      speed b4x4-1sm-start $b VHKSIM_OPT_GEMV_SHAPE=4x4 VHKSIM_OPT_GEMV_STAGES=4 VHKSIM_OPT_GEMV_SM_BLOCKS=1 VHKSIM_OPT_PDL_TRIGGER=start
      speed b4x6-start $b VHKSIM_OPT_GEMV_SHAPE=4x4 VHKSIM_OPT_GEMV_STAGES=6 VHKSIM_OPT_PDL_TRIGGER=start
      speed b8x4 $b VHKSIM_OPT_GEMV_STAGES=4
      speed b16x2 $b VHKSIM_OPT_GEMV_SHAPE=16x4 VHKSIM_OPT_GEMV_STAGES=2
      speed b8x3-units $b VHKSIM_OPT_GEMV_GRID=resident
      speed default-again
      ;;
    persistent)  # fifth session: the layers of a decode step in one persistent kernel (grid barriers between phases,
                 # each warp's first weights of the next phase issued before the barrier); its register budget and shapes
      needs decode_layers df84fb0 || continue
      p="VHKSIM_OPT_PERSISTENT=on"
      mo="$carry/configs/models/opt-6.7b.yaml"
      sed "s/^#define PERSISTENT_MINBLOCKS 2/#define PERSISTENT_MINBLOCKS 1/" "$carry/kernels/llama.cu" > "$scratch/llama-min1.cu"
      grep -q "^#define PERSISTENT_MINBLOCKS 1" "$scratch/llama-min1.cu" || say "could not make the source with PERSISTENT_MINBLOCKS 1"
      say "tokens: persistent kernel (2 layers), LLaMA2-7B at 600:40 and 1000:40, LLaMA-3-8B and OPT-6.7B shapes at 300:40"
      run env $p timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40 || exit 1
      if [ "${FULL:-0}" = 1 ]; then
        run env $p timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1000:40
        run env $p timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
        run env $p timeout 150 "$vhksim" gpu tokens --model "$mo" --layers 2 --backend torch-opt opt --case 300:40
      fi
      # GEMV_SECOND_EARLY: each warp's second batch issued before x is staged (both the separate and the persistent kernels)
      sed "s/^#define GEMV_SECOND_EARLY 0/#define GEMV_SECOND_EARLY 1/" "$carry/kernels/llama.cu" > "$scratch/llama-early2.cu"
      grep -q "^#define GEMV_SECOND_EARLY 1" "$scratch/llama-early2.cu" || say "could not make the source with GEMV_SECOND_EARLY 1"
      e2="VHKSIM_OPT_KERNEL_SOURCE=$scratch/llama-early2.cu"
      say "tokens: second batch early, separate kernels and persistent (2 layers)"
      run env $e2 timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      run env $e2 $p timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      speed default
      speed persistent $p
      [ "${FULL:-0}" = 1 ] && speed persistent-8x3 $p VHKSIM_OPT_GEMV_SHAPE=8x3
      [ "${FULL:-0}" = 1 ] && speed persistent-min1 $p VHKSIM_OPT_KERNEL_SOURCE="$scratch/llama-min1.cu"
      [ "${FULL:-0}" = 1 ] && speed persistent-8x2 $p VHKSIM_OPT_GEMV_SHAPE=8x2
      speed early2 $e2
      speed persistent-early2 $p $e2
      speed default-again
      speed early2-again $e2
      speed persistent-early2-again $p $e2
      ;;
    l2again)  # fifth session: L2 prefetch of the O projection during attention, and of the next matrix in GEMV tails,
              # measured slower in the third session before attention loaded its cache early and combined in clusters
      speed default
      speed att8 VHKSIM_OPT_L2_ATT_MB=8
      speed att16 VHKSIM_OPT_L2_ATT_MB=16
      speed att32 VHKSIM_OPT_L2_ATT_MB=32
      speed tail4 VHKSIM_OPT_L2_TAIL_MB=4
      speed tail8 VHKSIM_OPT_L2_TAIL_MB=8
      speed default-again
      speed att16-again VHKSIM_OPT_L2_ATT_MB=16
      ;;
    single)  # fifth session: GEMV_SINGLE_BUFFER (sum the batch, then load the next into the same registers): twice the
             # bytes per batch (8x8) in the registers of today's 8x4, nothing in flight while a warp sums
      needs GEMV_SINGLE_BUFFER 22dbe3d || continue
      sed "s/^#define GEMV_SINGLE_BUFFER 0/#define GEMV_SINGLE_BUFFER 1/" "$carry/kernels/llama.cu" > "$scratch/llama-single.cu"
      grep -q "^#define GEMV_SINGLE_BUFFER 1" "$scratch/llama-single.cu" || say "could not make the source with GEMV_SINGLE_BUFFER 1"
      sb="VHKSIM_OPT_KERNEL_SOURCE=$scratch/llama-single.cu"
      say "tokens: single-buffered GEMV 8x8"
      shapes_tokens $sb VHKSIM_OPT_GEMV_SHAPE=8x8
      speed default
      speed sb-8x8 $sb VHKSIM_OPT_GEMV_SHAPE=8x8
      speed sb-8x8-min2 $sb VHKSIM_OPT_GEMV_SHAPE=8x8 VHKSIM_OPT_GEMV_MINBLOCKS=2
      speed sb-8x6-min2 $sb VHKSIM_OPT_GEMV_SHAPE=8x6 VHKSIM_OPT_GEMV_MINBLOCKS=2
      speed sb-8x4 $sb
      speed sb-8x8-start $sb VHKSIM_OPT_GEMV_SHAPE=8x8 VHKSIM_OPT_PDL_TRIGGER=start
      speed sb-16x4-min1 $sb VHKSIM_OPT_GEMV_SHAPE=16x4
      speed default-again
      speed sb-8x8-again $sb VHKSIM_OPT_GEMV_SHAPE=8x8
      ;;
    opreload)  # fifth session: the O projection's warps preload their first row pair into shared memory (cp.async) before
               # they wait for attention; one unit per warp in two waves, or the resident grid
      needs "preloaded = preload" ab9d6f1 || continue
      say "tokens: O preload (2 layers), three shapes, and LLaMA2-7B at 1000:40"
      shapes_tokens VHKSIM_OPT_O_PRELOAD=waves
      run env VHKSIM_OPT_O_PRELOAD=waves timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1000:40
      run env VHKSIM_OPT_O_PRELOAD=resident timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      speed default
      speed waves VHKSIM_OPT_O_PRELOAD=waves
      speed resident VHKSIM_OPT_O_PRELOAD=resident
      speed default-again
      speed waves-again VHKSIM_OPT_O_PRELOAD=waves
      ;;
    board)  # the board the call got (boards differ: 244.6-257.7 tokens/s with the same code), its copy roofline and opt on it
      say "board"
      run nvidia-smi --query-gpu=name,driver_version,power.limit,power.draw,clocks.sm,clocks.mem,clocks.max.sm,clocks.max.mem,temperature.gpu --format=csv
      run python3 "$here/copy_bandwidth.py" 4
      speed default
      run python3 "$here/copy_bandwidth.py" 4
      speed default-again
      run nvidia-smi --query-gpu=power.draw,clocks.sm,clocks.mem,temperature.gpu,clocks_throttle_reasons.active --format=csv
      ;;
    check)  # the current defaults: greedy tokens against torch-opt, and the speed with the step profile
      say "tokens: default settings (2 layers), LLaMA2-7B at 600:40 and 1000:40, LLaMA-3-8B and OPT-6.7B shapes at 300:40"
      shapes_tokens
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 1000:40
      speed default
      ;;
    family)  # the OPT family and a regression check of the LLaMA path: greedy tokens, logits against transformers, OPT-6.7B speed
      mo="$carry/configs/models/opt-6.7b.yaml"
      say "tokens: OPT-6.7B shape, 2 layers"
      run timeout 150 "$vhksim" gpu tokens --model "$mo" --layers 2 --backend torch-opt naive opt --case 300:40
      say "logits check: OPT-6.7B shape, 2 layers"
      run timeout 150 "$vhksim" gpu logits --model "$mo" --layers 2 --device cuda --save-weights "$scratch/w-opt" \
          --out "$scratch" --name l-opt --tokens 64 &&
        run timeout 150 python3 "$here/check_logits.py" "$scratch/w-opt" "$scratch/l-opt.safetensors" "$out/logits-check-opt.json"
      rm -rf "$scratch/w-opt" "$scratch/l-opt.safetensors"
      say "tokens: LLaMA2-7B and LLaMA-3-8B shapes, 2 layers, default settings"
      run timeout 120 "$vhksim" gpu tokens --model "$m7" --layers 2 --backend torch-opt opt --case 600:40
      run timeout 150 "$vhksim" gpu tokens --model "$m8" --layers 2 --backend torch-opt opt --case 300:40
      say "speed: OPT-6.7B 512:512"
      run env VHKSIM_OPT_PROFILE=1 timeout 150 "$vhksim" gpu --model "$mo" --backend opt --case 512:512 --quick --repetitions 2 --out "$work/speed-opt67" \
        | grep -E "opt profile|graph replays|opt 512:512" | sed "s/^/[opt-6.7b] /" | tee -a "$out/speed-summary.txt"
      ;;
    *) say "unknown step $step" ;;
  esac
done
say "summary"
cat "$out/speed-summary.txt" 2>/dev/null
grep -E "identical|agree|differ|error|PASS|FAIL|max" "$log" | tail -30
