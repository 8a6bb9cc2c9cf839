#!/usr/bin/env bash
# A private sshd on 127.0.0.1 for the ssh tests: a free port, generated host and client keys, its own
# sshd_config in a temp directory. `sshd.sh start STATEFILE` starts it and writes the temp directory's
# path to STATEFILE; `sshd.sh stop STATEFILE` stops it and removes the directory.
# In the directory, ssh_config names two logins (procdeck-a, procdeck-b: the same server under two
# names, as two hosts would be) and one that cannot be reached (procdeck-unreachable).
# SetEnv SHLVL=1: bash started by sshd reads ~/.bashrc only at shell level 1, and this machine's
# runs pyenv (1-2 s a login, 5 s and more under the suites' load) -- the logins' shells skip it,
# for parallel and procdeck-cli alike, so that the suites' time is their own.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
action=$1
statefile=$2

stop() {
  [ -f "$statefile" ] || return 0
  local dir
  dir=$(cat "$statefile")
  if [ -f "$dir/sshd.pid" ]; then
    kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
  fi
  rm -rf "$dir" "$statefile"
}

if [ "$action" = stop ]; then
  stop
  exit 0
fi

mkdir -p "$(dirname "$statefile")"
stop # a previous run that was interrupted
dir=$(mktemp -d /tmp/procdeck-sshd.XXXXXX)
echo "$dir" > "$statefile"
mkdir -p /run/sshd # privilege separation directory (Debian's sshd wants it)
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
cp "$dir/client_key.pub" "$dir/authorized_keys"
read -r port unreachable <<<"$(python3 "$here/freeport.py" 2)"
cat > "$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
MaxStartups 100:30:200
MaxSessions 100
AcceptEnv LANG LC_*
SetEnv SHLVL=1
CONF
echo "127.0.0.1 $(cut -d' ' -f1-2 "$dir/host_key.pub")" | sed "s/^127.0.0.1/[127.0.0.1]:$port/" > "$dir/known_hosts"
cat > "$dir/ssh_config" <<CONF
Host procdeck-a procdeck-b
  HostName 127.0.0.1
  Port $port
Host procdeck-unreachable
  HostName 127.0.0.1
  Port $unreachable
Host *
  User $(id -un)
  IdentityFile $dir/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  HostKeyAlias [127.0.0.1]:$port
  StrictHostKeyChecking yes
  LogLevel ERROR
CONF
/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
for _ in $(seq 100); do
  if ssh -F "$dir/ssh_config" -o BatchMode=yes procdeck-a true 2>/dev/null; then
    echo "sshd on 127.0.0.1:$port ($dir)"
    exit 0
  fi
  sleep 0.1
done
echo "sshd did not answer on 127.0.0.1:$port" >&2
cat "$dir/sshd.log" >&2 || true
exit 1
