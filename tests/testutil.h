#pragma once

#include "core/jobspec.h"
#include "core/processgroup.h"

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

} // namespace testutil
