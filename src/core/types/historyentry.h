#pragma once

#include "jobrecord.h"
#include "jobspec.h"

#include <QString>

namespace procdeck {

/// One earlier job, as the history keeps it.
struct HistoryEntry {
    qint64 id = 0;
    QString runId;      ///< which ProcDeck session ran it
    JobRecord record;   ///< state as recorded (see stateKey)
    QString stateKey;   ///< stateKey(record.state), or "interrupted" for a job whose ProcDeck died
    JobSpec spec;       ///< enough to run it again
};

} // namespace procdeck
