#pragma once

#include "core/job.h"
#include "core/jobspec.h"
#include "core/processgroup.h"

#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>

namespace testutil {

/// A job through /bin/sh -c.
inline procdeck::JobSpec shell(const QString &line)
{
    procdeck::JobSpec spec;
    spec.useShell = true;
    spec.shellCommand = line;
    return spec;
}

/// A job without a shell.
inline procdeck::JobSpec argv(const QString &program, const QStringList &args = {})
{
    procdeck::JobSpec spec;
    spec.program = program;
    spec.arguments = args;
    return spec;
}

/// True when nothing of the process group is alive (zombies waiting for init do not count).
inline bool groupGone(qint64 pgid)
{
    return procdeck::processgroup::livingMembers(pid_t(pgid)).isEmpty();
}

/// Starts the job and waits (on its signal, not a sleep) until it has ended.
inline bool runToEnd(procdeck::Job &job, int deadlineMs = 120000)
{
    QSignalSpy ended(&job, &procdeck::Job::ended);
    if (job.start() != procdeck::Job::StartResult::Started)
        return procdeck::isTerminal(job.state());
    return ended.count() > 0 || ended.wait(deadlineMs);
}

} // namespace testutil
