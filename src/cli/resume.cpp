#include "resume.h"

#include "core/export/runlog.h"

#include <QFileInfo>
#include <QSet>

bool planResume(const procdeck::RunRequest &request, ResumeMode mode, ResumePlan *plan,
                QString *error)
{
    QSet<int> done;
    if (mode != ResumeMode::None && QFileInfo::exists(request.jobLogPath)) {
        QList<procdeck::runlog::JobLogRow> rows;
        if (!procdeck::runlog::readJobLog(request.jobLogPath, &rows, error))
            return false;
        for (const auto &row : rows)
            if (mode == ResumeMode::Resume || row.succeeded())
                done.insert(row.seq);
        plan->appendToJobLog = true;
    }
    plan->jobs.clear();
    plan->numbers.clear();
    for (int i = 0; i < request.jobs.size(); ++i) {
        if (done.contains(i + 1))
            continue;
        plan->jobs << request.jobs[i];
        plan->numbers << i + 1;
    }
    return true;
}
