#pragma once

#include "core/job.h"
#include "core/jobspec.h"
#include "core/processgroup.h"
#include "core/scheduler.h"

#include <QDir>
#include <QFile>
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

/// Living processes (zombies not counted) whose command line, arguments joined by spaces, is
/// exactly `cmdline` ("sleep 3117"): how a test sees whether a job's tree is really gone.
inline QList<pid_t> processesNamed(const QByteArray &cmdline)
{
    QList<pid_t> found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const pid_t pid = pid_t(entry.toInt(&numeric));
        if (!numeric)
            continue;
        QFile file(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QByteArray text = file.readAll();
        if (text.endsWith('\0'))
            text.chop(1);
        text.replace('\0', ' ');
        if (text != cmdline)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray fields = stat.readAll();
        const qsizetype close = fields.lastIndexOf(')');
        if (close > 0 && fields.size() > close + 2 && fields.at(close + 2) != 'Z')
            found << pid;
    }
    return found;
}

/// The state letter of a process in /proc/<pid>/stat ('T' stopped, 'S' sleeping…), 0 if gone.
inline char processState(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray fields = stat.readAll();
    const qsizetype close = fields.lastIndexOf(')');
    return close > 0 && fields.size() > close + 2 ? fields.at(close + 2) : 0;
}

/// The job numbers in the order the scheduler started them (from its jobStarted signal).
class StartRecorder
{
public:
    explicit StartRecorder(procdeck::Scheduler &scheduler)
    {
        QObject::connect(&scheduler, &procdeck::Scheduler::jobStarted, &m_context,
                         [this](procdeck::Job *job) { m_seqs << job->seq(); });
    }
    const QList<int> &seqs() const { return m_seqs; }

private:
    QObject m_context; ///< the connection ends with the recorder
    QList<int> m_seqs;
};

/// Starts the job and waits (on its signal, not a sleep) until it has ended.
inline bool runToEnd(procdeck::Job &job, int deadlineMs = 120000)
{
    QSignalSpy ended(&job, &procdeck::Job::ended);
    if (job.start() != procdeck::Job::StartResult::Started)
        return procdeck::isTerminal(job.state());
    return ended.count() > 0 || ended.wait(deadlineMs);
}

} // namespace testutil
