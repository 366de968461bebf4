#!/usr/bin/env bash
# A single-node Slurm for the sweep tests: `source .ci/slurm.sh; slurm_up` installs slurm-wlm and
# munge (Debian), writes a minimal slurm.conf for this host at 127.0.0.1 and starts munged,
# slurmctld and slurmd directly (no systemd); `slurm_down` stops them by their PID files.
# slurm_up exports SLURM_CONF when the cluster answers; the test skips with a message otherwise.
# Everything it writes lives under $VHKSIM_SLURM_DIR (default: a folder in $TMPDIR).

VHKSIM_SLURM_DIR=${VHKSIM_SLURM_DIR:-${TMPDIR:-/tmp}/vhksim-ci-slurm}

slurm_log() { echo "slurm: $*" >&2; }

slurm_install() {
  command -v slurmctld >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    slurm_log "slurm-wlm is not installed and cannot be (needs root and apt-get)"; return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >"$VHKSIM_SLURM_DIR/apt.log" 2>&1 &&
    apt-get install -y slurm-wlm munge >>"$VHKSIM_SLURM_DIR/apt.log" 2>&1 ||
    { slurm_log "apt-get install slurm-wlm munge failed (see $VHKSIM_SLURM_DIR/apt.log)"; return 1; }
}

slurm_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

slurm_up() {
  local d=$VHKSIM_SLURM_DIR host cpus
  mkdir -p "$d/state" "$d/spool" "$d/munge" || return 1
  if slurm_alive "$d/slurmctld.pid" && slurm_alive "$d/slurmd.pid"; then
    export SLURM_CONF=$d/slurm.conf
    slurm_log "already up (SLURM_CONF=$SLURM_CONF); left running at the end"; return 0
  fi
  slurm_install || return 1
  host=$(hostname -s)
  # getconf, not nproc: .ci/run sets OMP_NUM_THREADS=1, which nproc obeys.
  cpus=$(getconf _NPROCESSORS_ONLN)
  cat >"$d/slurm.conf" <<EOF
# Written by .ci/slurm.sh for the sweep tests: one node, one partition, no accounting.
ClusterName=vhksim-ci
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
CryptoType=crypto/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SlurmctldPidFile=$d/slurmctld.pid
SlurmdPidFile=$d/slurmd.pid
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldLogFile=$d/slurmctld.log
SlurmdLogFile=$d/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=60 State=UP
EOF
  # munged: its own socket, PID and log files, so a system munged (if any) is left alone.
  local key=/etc/munge/munge.key
  [ -f "$key" ] || { mkdir -p /etc/munge && dd if=/dev/urandom of="$key" bs=1024 count=1 2>/dev/null && chmod 400 "$key"; }
  VHKSIM_SLURM_STARTED=1
  munged --force --socket="$d/munge/munge.socket" --pid-file="$d/munged.pid" --log-file="$d/munged.log" \
    --seed-file="$d/munge/munged.seed" --key-file="$key" ||
    { slurm_log "munged did not start (see $d/munged.log)"; return 1; }
  export SLURM_CONF=$d/slurm.conf
  # Slurm's munge plugin finds the socket through AuthInfo.
  echo "AuthInfo=socket=$d/munge/munge.socket" >>"$d/slurm.conf"
  slurmctld -f "$d/slurm.conf" -i || { slurm_log "slurmctld did not start (see $d/slurmctld.log)"; unset SLURM_CONF; return 1; }
  slurmd -f "$d/slurm.conf" || { slurm_log "slurmd did not start (see $d/slurmd.log)"; unset SLURM_CONF; return 1; }
  local i
  for i in $(seq 1 30); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      slurm_log "up: node $host, $cpus CPUs, partition ci (SLURM_CONF=$SLURM_CONF)"; return 0
    fi
    sleep 1
  done
  slurm_log "the node did not become idle in 30 s (see $d/slurmctld.log, $d/slurmd.log)"
  unset SLURM_CONF
  return 1
}

slurm_down() {
  local d=$VHKSIM_SLURM_DIR f pid
  [ "${VHKSIM_SLURM_STARTED:-0}" = 1 ] || return 0  # only what slurm_up started
  for f in slurmd slurmctld munged; do
    [ -f "$d/$f.pid" ] || continue
    pid=$(cat "$d/$f.pid")
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -f "$d/$f.pid"
  done
}
