#!/usr/bin/env bash
# Builds the .deb and .tar.gz from a build folder and checks what a package must be: both
# programs and their guardian (procdeck-guard), a valid .desktop, valid AppStream metadata, the
# icons, man pages, and Depends naming the Qt 6 libraries. Usage: check-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G "DEB;TGZ" -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/procdeck_*.deb)
tgz=$(ls "$work"/out/procdeck-*.tar.gz)
echo "built $(basename "$deb") and $(basename "$tgz")"
dpkg-deb -x "$deb" "$work/root"
# Listed once into a file: `tar | grep -q` under pipefail failed when grep stopped reading early.
tar -tzf "$tgz" > "$work/tgz.list"
fail() { echo "FAIL: $*"; exit 1; }
for f in usr/bin/procdeck usr/bin/procdeck-cli usr/bin/procdeck-engine usr/bin/procdeck-guard \
         usr/lib/systemd/user/procdeck-engine.service \
         usr/share/applications/org.procdeck.ProcDeck.desktop \
         usr/share/metainfo/org.procdeck.ProcDeck.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/org.procdeck.ProcDeck.svg \
         usr/share/icons/hicolor/48x48/apps/org.procdeck.ProcDeck.png \
         usr/share/man/man1/procdeck.1.gz usr/share/man/man1/procdeck-cli.1.gz; do
    [ -e "$work/root/$f" ] || fail "the package lacks $f"
done
desktop-file-validate "$work/root/usr/share/applications/org.procdeck.ProcDeck.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.procdeck.ProcDeck.metainfo.xml" >/dev/null \
    || fail "appstreamcli validate"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6widgets6 libqt6gui6 libqt6sql6 libqt6sql6-sqlite; do
    grep -q "$lib" <<<"$depends" || fail "Depends does not name $lib"
done
"$work/root/usr/bin/procdeck-cli" --version | grep -q "procdeck-cli" || fail "the packaged procdeck-cli does not run"
grep -q 'bin/procdeck-cli$' "$work/tgz.list" || fail "the .tar.gz lacks procdeck-cli"
"$work/root/usr/bin/procdeck-engine" --version | grep -q "procdeck" || fail "the packaged procdeck-engine does not run"
grep -q 'bin/procdeck-engine$' "$work/tgz.list" || fail "the .tar.gz lacks procdeck-engine"
grep -q 'bin/procdeck-guard$' "$work/tgz.list" || fail "the .tar.gz lacks procdeck-guard"
echo "package check passed"
