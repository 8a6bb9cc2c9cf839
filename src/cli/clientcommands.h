#pragma once

#include <QList>
#include <QString>

namespace procdeck {
struct RunRequest;
}

/// procdeck-cli as a client of the user's engine (issue 25): each returns the exit status.
/// Without these options procdeck-cli runs its jobs in its own process, as before.
namespace clientcommands {

/// Says `message` on stderr as procdeck-cli's one line; returns 255.
int fail(const QString &message);
/// --detach: hands the jobs over (starting the engine when none answers), prints each job's
/// number one a line; 255 with one line on stderr when refused.
int detach(const procdeck::RunRequest &request);
/// --status [--json]: a line per job, or one JSON object.
int status(bool json);
/// --follow N: the job's stdout (stderr to stderr) from its start until it ends; its exit
/// code, 128 + a signal's number, 124 when it timed out.
int follow(int number);
/// --wait [N…] [--export FILE]: GNU parallel's exit status over those jobs once all ended.
int wait(const QList<int> &numbers, const QString &exportPath, const QString &exportFormat);
/// --kill, --pause, --resume N…: `kind` is the protocol's message type; `signal` > 0: --kill
/// --signal, that signal sent to each job's tree instead (the `signal` message).
int steer(const QString &kind, const QList<int> &numbers, int signal = 0);
/// --stop-engine: 0 once it is gone.
int stopEngine();

} // namespace clientcommands
