#pragma once
// parallelcommand's making of the jobs from the records read, in paralleljobs.cpp: how many
// values each job takes, its command line (with the run's one perl for {= =}, --plus, --rpl).

#include "joboptions.h"
#include "parallelsettings.h"
#include "paralleltemplate.h"

#include <QByteArray>
#include <QRegularExpression>

namespace procdeck::parallel {

/// How values are read and shaped, from the options: checked before any input is read.
struct Reading {
    QByteArray delimiter = "\n";
    bool splitColumns = false;
    QRegularExpression colsep;
    Trim trim = Trim::None;
    int slotCount = 1; ///< for {%}
    QByteArray eof;    ///< -E
};

/// Jobs from the records: each takes as many as -n/-N/-X/-m and the length let it; with -X and
/// -m, the line that reaches the end of the input is spread over the job slots (parallel's
/// populate: ceil(its values / slots) a job from then on). *skippedExitCode: the jobs
/// that skip() left out, as parallel counts failures (at most 101). A record whose command
/// alone is too long (-s) ends the jobs there: parallel's error in request->stopError, or
/// false with it in *error when it is the first.
bool makeJobs(QList<QStringList> records, const QStringList &words, const Settings &s,
              bool tagging, const JobSpec &base, const Reading &r, RunRequest *request,
              int *skippedExitCode, QString *error);

} // namespace procdeck::parallel
