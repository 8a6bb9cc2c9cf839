#pragma once
// GNU parallel's --onall, --nonall and --basefile, once the jobs are made (onallplan.cpp).

#include "parallelsettings.h"

#include <QString>

namespace procdeck {
struct RunRequest;
}

namespace procdeck::parallel {

/// --basefile: the files RunOn::baseFiles copies to each ssh login before its first job (its
/// folder there as --wd makes it for a job without values); refused, as parallel refuses it,
/// for a relative file with --wd ...; parallel's warning when no login is remote.
/// --onall (and --nonall): every job on every login, as parallel's one `parallel -j1 -S LOGIN`
/// per login does it — the logins each once (by their text, N/ aside), in parallel's sorted
/// order, one slot each ({%} is 1), -j N of them at once (RunOn::onAllLoginsAtOnce); for each
/// login a copy of every job (RunRequest::outputGroups: printed together, counted once in the
/// exit status), tagged by --tag with the login's text. False with a one-line *error.
bool settleHosts(const Settings &s, RunRequest *request, QString *error);

} // namespace procdeck::parallel
