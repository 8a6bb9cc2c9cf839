#!/usr/bin/env bash
# Installs every Debian package that ProcDeck's build, tests, GUI and screenshots need.
# Quiet (and quick) when everything is present already; uses sudo when not root.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libgl-dev
  qt6-svg-dev libqt6svg6 qt6-qpa-plugins qt6-translations-l10n
  qt6-remoteobjects-dev
  xvfb xauth fonts-noto-cjk
  dbus-daemon
  procps python3 parallel time strace
  openssh-server rsync slurm-wlm munge slurmdbd mariadb-server
  desktop-file-utils appstream dpkg-dev file
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "procdeck setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
