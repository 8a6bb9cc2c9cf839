#pragma once

#include <QString>

#include <sys/types.h>

/// Where the user's engine is found: its socket, its locks and its log. One engine per user,
/// whoever asks (the window, procdeck-cli, the systemd unit).
namespace procdeck::enginepaths {

/// $XDG_RUNTIME_DIR/procdeck, or /tmp/procdeck-<uid> when XDG_RUNTIME_DIR is unset.
QString runtimeDir();
/// Creates runtimeDir() (mode 0700) if need be and checks it: a real folder (not a link), the
/// user's own, open to nobody else (a wider mode of ours is narrowed). False with *error.
bool prepareRuntimeDir(QString *error);
/// The engine's socket, in runtimeDir().
QString socketPath();
/// Held (flock) by the engine for its whole life: a second engine finds it taken and exits.
QString engineLockPath();
/// Held by a client while it starts an engine, so that two clients starting at once make one.
QString startLockPath();
/// $XDG_STATE_HOME/procdeck/engine.log ($HOME/.local/state when XDG_STATE_HOME is unset).
QString logPath();

/// Who is at the other end of a connected local socket (SO_PEERCRED).
struct Peer {
    pid_t pid = 0;
    uid_t uid = uid_t(-1);
    bool known = false;
};
Peer peerOf(qintptr socketDescriptor);

} // namespace procdeck::enginepaths
