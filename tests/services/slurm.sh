#!/usr/bin/env bash
# A one-node Slurm cluster on this machine for the Slurm tests: munged with its own key and socket,
# slurmctld and slurmd with a generated slurm.conf (free ports, state, spool, pid and log files in a
# temp directory), proctrack/linuxproc (a cancelled job leaves squeue in ~0.1 s), task/none, no
# accounting. Needs root. `slurm.sh start STATEFILE` starts it and writes the temp directory's path
# to STATEFILE (the tests use $dir/slurm.conf as SLURM_CONF); `slurm.sh stop STATEFILE` stops it.
# `slurm.sh start STATEFILE accounting` gives it accounting (sacct): a MariaDB of its own (datadir,
# socket and port in the temp dir, 127.0.0.1 only, no grant tables) and slurmdbd, memory as a
# consumable (100 MB a CPU unless asked) and, where cgroup v1 allows, --mem enforced by task/cgroup.
# ~8 s to start against ~2 s without, so only the test that reads sacct uses it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
action=$1
statefile=$2
accounting=${3:-}

stop() {
  [ -f "$statefile" ] || return 0
  local dir pid
  dir=$(cat "$statefile")
  if [ -f "$dir/slurm.conf" ]; then
    SLURM_CONF="$dir/slurm.conf" timeout 5 scancel --full --quiet --partition=procdeck 2>/dev/null || true
  fi
  local pids=()
  for f in slurmd slurmctld slurmdbd mariadb munged; do
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

read -r ctldport slurmdport dbport dbdport <<<"$(python3 "$here/freeport.py" 4)"
host=$(hostname -s)
accounting_conf="AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none"
select_parameters=CR_Core
task_plugin=task/none
if [ "$accounting" = accounting ]; then
  # No mariadb-install-db (6 s of its 8): without grant tables the server starts on an empty
  # datadir, and slurmdbd creates its tables. Durability is not wanted here: no fsync per commit.
  mkdir -p "$dir/mariadb"
  mariadbd --no-defaults --user=root --datadir="$dir/mariadb" --skip-grant-tables \
           --bind-address=127.0.0.1 --port="$dbport" --socket="$dir/mariadb.sock" \
           --pid-file="$dir/mariadb.pid" --log-error="$dir/mariadb.log" --skip-name-resolve \
           --skip-log-bin --innodb-buffer-pool-size=16M --innodb-log-file-size=4M \
           --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 </dev/null >/dev/null 2>&1 &
  for _ in $(seq 300); do
    mariadb --no-defaults --socket="$dir/mariadb.sock" -u root -e 'select 1' >/dev/null 2>&1 && break
    sleep 0.1
  done
  cat > "$dir/slurmdbd.conf" <<CONF
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
DbdAddr=127.0.0.1
DbdHost=$host
DbdPort=$dbdport
SlurmUser=root
PidFile=$dir/slurmdbd.pid
LogFile=$dir/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$dbport
StorageUser=root
StorageLoc=slurm_acct_db
CONF
  chmod 600 "$dir/slurmdbd.conf"
  # slurmdbd reads slurmdbd.conf beside SLURM_CONF.
  SLURM_CONF="$dir/slurm.conf" slurmdbd
  for _ in $(seq 300); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $dbdport), 1)" \
      2>/dev/null && break
    sleep 0.1
  done
  accounting_conf="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$dbdport
AccountingStoragePass=$dir/munge/munge.sock
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=1
DefMemPerCPU=100"
  select_parameters=CR_Core_Memory
  # --mem enforced by the kernel where cgroup v1's memory controller can be used, so that a job
  # over it ends OUT_OF_MEMORY (jobacct_gather's own kill only says FAILED); the file
  # memory-limits tells the tests.
  if [ -w /sys/fs/cgroup/memory ]; then
    task_plugin=task/cgroup
    printf 'CgroupPlugin=cgroup/v1\nCgroupMountpoint=/sys/fs/cgroup\nConstrainRAMSpace=yes\n' \
      > "$dir/cgroup.conf"
    touch "$dir/memory-limits"
  fi
fi
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
TaskPlugin=$task_plugin
$accounting_conf
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=$select_parameters
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
