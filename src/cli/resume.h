#pragma once

#include "core/parallel/joboptions.h"

#include <QList>

/// GNU parallel's --resume and --resume-failed over a joblog, by job number.
enum class ResumeMode { None, Resume, ResumeFailed };

struct ResumePlan {
    QList<procdeck::JobSpec> jobs; ///< what still has to run
    QList<int> numbers;            ///< each one's job number (its place in the full list, from 1)
    bool appendToJobLog = false;   ///< keep the joblog's rows and add the new ones after them
};

/// Works out which of `request`'s jobs still have to run. With ResumeMode::None, all of them.
/// Resume skips every job the joblog has a row for; ResumeFailed only those that succeeded.
/// A missing joblog means nothing ran yet. False with *error for a joblog that does not parse.
bool planResume(const procdeck::RunRequest &request, ResumeMode mode, ResumePlan *plan,
                QString *error);
