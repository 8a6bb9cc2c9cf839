#!/usr/bin/env bash
# A one-node Slurm cluster on this machine for the Slurm tests: munged with its own key and socket,
# slurmctld and slurmd with a generated slurm.conf (free ports, state, spool, pid and log files in a
# temp directory), proctrack/linuxproc (a cancelled job leaves squeue in ~0.1 s), task/none, no
# accounting. Needs root. `slurm.sh start STATEFILE` starts it and writes the temp directory's path
# to STATEFILE (the tests use $dir/slurm.conf as SLURM_CONF); `slurm.sh stop STATEFILE` stops it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
action=$1
statefile=$2

stop() {
  [ -f "$statefile" ] || return 0
  local dir pid
  dir=$(cat "$statefile")
  if [ -f "$dir/slurm.conf" ]; then
    SLURM_CONF="$dir/slurm.conf" timeout 5 scancel --full --quiet --partition=procdeck 2>/dev/null || true
  fi
  local pids=()
  for f in slurmd slurmctld munged; do
    [ -f "$dir/$f.pid" ] && pids+=("$(cat "$dir/$f.pid")")
  done
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.1
  done
  [ ${#pids[@]} -gt 0 ] && kill -9 "${pids[@]}" 2>/dev/null || true
  rm -rf "$dir" "$statefile"
}

if [ "$action" = stop ]; then
  stop
  exit 0
fi

mkdir -p "$(dirname "$statefile")"
stop
dir=$(mktemp -d /tmp/procdeck-slurm.XXXXXX)
echo "$dir" > "$statefile"
chmod 755 "$dir"
mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
chmod 700 "$dir/munge"
dd if=/dev/urandom bs=1 count=1024 of="$dir/munge/munge.key" status=none
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.sock" \
       --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/seed"

read -r ctldport slurmdport <<<"$(python3 "$here/freeport.py" 2)"
host=$(hostname -s)
cat > "$dir/slurm.conf" <<CONF
ClusterName=procdeck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctldport
SlurmdPort=$slurmdport
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
SchedulerParameters=sched_interval=1
KillWait=2
InactiveLimit=0
NodeName=procdeck-node NodeHostname=$host NodeAddr=127.0.0.1 CPUs=8 RealMemory=1000 State=UNKNOWN
PartitionName=procdeck Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -i
slurmd -N procdeck-node
for _ in $(seq 150); do
  state=$(sinfo -h -o %T 2>/dev/null || true)
  if [ "$state" = idle ]; then
    echo "slurm cluster up ($dir)"
    exit 0
  fi
  sleep 0.1
done
echo "the Slurm cluster did not come up (node state: '${state:-}')" >&2
tail -20 "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/munged.log" >&2 || true
exit 1
