#pragma once

#include <QByteArray>
#include <QString>

namespace procdeck::session {

/// This ProcDeck process's run id ("20261126105409123-4242"): the history's run_id, and the
/// first half of every job's environment marker. Made once, the same on every thread.
QString id();

/// The name of the environment variable every job's processes carry.
constexpr const char kMarkerName[] = "PROCDECK_JOB";

/// "PROCDECK_JOB=<id>:<tree id>": the entry that marks the processes of one run of a job
/// (Job::treeId()), escaped ones (setsid, double fork) included, the way Jenkins'
/// process-tree killer finds them.
QByteArray markerEntry(int treeId);
/// "PROCDECK_JOB=<id>:": the prefix that every job of this process shares.
QByteArray markerPrefix();

} // namespace procdeck::session
