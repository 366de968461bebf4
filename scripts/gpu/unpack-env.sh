# Sourced by the scripts that run on the GPU machine: unpacks the carried self-contained vhksim
# and points TorchSharp at PyTorch's own libtorch. Sets: here, carry, out, scratch, vhksim; defines
# say and run (they log to $log), and speed (one opt speed variant).
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
carry=$(cd "$here/../.." && pwd)                 # the folder that holds vhksim-gpu.tar.gz and configs/
out=${OUT:-$PWD/gpu-out}
mkdir -p "$out"
scratch=${TMPDIR:-/tmp}
work="$scratch/vhksim-gpu"
rm -rf "$work" && mkdir -p "$work"
tar -xzf "$carry/vhksim-gpu.tar.gz" -C "$work"
vhksim="$work/gpu/vhksim"
torchlib=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib
export LD_LIBRARY_PATH="$torchlib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PYTHONUNBUFFERED=1

# Log helpers for the sourcing script, which sets $log: a timestamped step line, and a command
# whose output goes to the log too (its exit status kept).
say() { echo "== $(date -u +%H:%M:%S) $*" | tee -a "$log"; }
run() { "$@" 2>&1 | tee -a "$log"; return "${PIPESTATUS[0]}"; }

# Which board this is (each device call may get another H200, and the boards differ by a few %): one
# line for the log, so that figures from different calls can be traced to their boards.
board_id() {
  echo "board: $(nvidia-smi --query-gpu=name,uuid,pci.bus_id,serial,driver_version,memory.total,power.limit --format=csv,noheader)" | tee -a "$log"
}

# One speed variant for the tuning scripts (they set $log): LLaMA2-7B 512:512, quick with 2 timed
# runs, with the step profile; its summary lines, tagged [NAME], also go to $out/speed-summary.txt.
#   speed NAME [ENV=VALUE...]
speed() {
  local name=$1; shift
  say "speed $name: $*"
  run env VHKSIM_OPT_PROFILE=1 "$@" timeout 150 "$vhksim" gpu --model "$carry/configs/models/llama2-7b.yaml" --backend opt \
      --case 512:512 --quick --repetitions 2 --out "$work/speed-$name" \
    | grep -E "opt profile|graph replays|opt timeline|opt 512:512|programmatic|energy" | sed "s/^/[$name] /" | tee -a "$out/speed-summary.txt"
}
