#pragma once

#include <QStringList>

class QCommandLineParser;


/// The options that make procdeck-cli a client of the user's engine (issue 25): --detach,
/// --status, --follow, --wait, --kill, --pause, --resume, --stop-engine.
namespace clientoptions {

/// Whether `args` ask for a client command (not --detach) before any job is named: such a
/// command line is never GNU parallel's (`--kill 3` runs no command "3").
bool isClientForm(const QStringList &args);
/// Adds them to `parser`.
void addTo(QCommandLineParser &parser);
/// Whether --detach was given (the job options then say what to hand over).
bool detaches(const QCommandLineParser &parser);
/// Runs the one client command given, other than --detach, and returns its exit status; -1
/// when none was given (procdeck-cli runs its jobs itself).
int run(const QCommandLineParser &parser);

} // namespace clientoptions
