#include "jobrecord.h"

namespace procdeck {

void JobRecord::setSteering(qint64 paused, int attempt, const QString &jobId,
                            const QStringList &waitsFor, const QStringList &waitsForSuccess)
{
    pausedMs = paused;
    attempts = attempt;
    id = jobId;
    after = waitsFor;
    afterSuccess = waitsForSuccess;
}

} // namespace procdeck
