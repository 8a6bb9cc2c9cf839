#pragma once

#include "core/process/job.h"
#include "core/process/jobstart.h"
#include "core/types/jobspec.h"
#include "core/process/processgroup.h"
#include "core/process/proctable.h"
#include "core/scheduling/scheduler.h"
#include "core/process/session.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>

#include <unistd.h>


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
    struct Search {
        pid_t pgid;
        bool found = false;
    } search{pid_t(pgid)};
    procdeck::proctable::forEachProcess(
            [](const procdeck::proctable::ProcessInfo &info, void *context) {
                auto *s = static_cast<Search *>(context);
                s->found = s->found || (info.pgrp == s->pgid && info.alive());
            },
            &search);
    return !search.found;
}

/// The pid a job wrote to `path` (`echo $! > FILE`), 0 until it is there.
inline qint64 pidInFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

/// A process's command line, its arguments joined by spaces ("sleep 3117"); empty if gone.
inline QByteArray commandLineOf(pid_t pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray text = file.readAll();
    if (text.endsWith('\0'))
        text.chop(1);
    return text.replace('\0', ' ');
}

/// Living processes (zombies not counted) whose command line is exactly `cmdline`: how a test
/// sees whether a job's tree is really gone. With `markerPrefix` (session::markerPrefix()),
/// only processes of this test's own jobs count: another test run on the same machine may run
/// the same command at the same moment.
inline QList<pid_t> processesNamed(const QByteArray &cmdline, const QByteArray &markerPrefix = {})
{
    struct Search {
        const QByteArray &cmdline;
        const QByteArray &marker;
        QList<pid_t> found;
    } search{cmdline, markerPrefix, {}};
    procdeck::proctable::forEachProcess(
        [](const procdeck::proctable::ProcessInfo &info, void *raw) {
            auto *s = static_cast<Search *>(raw);
            if (!info.alive() || commandLineOf(info.pid) != s->cmdline)
                return;
            if (s->marker.isEmpty()
                || procdeck::proctable::environHas(info.pid, s->marker.constData(), size_t(s->marker.size()), false))
                s->found << info.pid;
        },
        &search);
    return search.found;
}

/// processesNamed(cmdline) among this process's own jobs (their environment marker).
inline QList<pid_t> ownProcessesNamed(const QByteArray &cmdline)
{
    return processesNamed(cmdline, procdeck::session::markerPrefix());
}

/// How many living children of this process run `program` (its argv[0]'s last part): helpers
/// such as scancel that must not outlive what started them.
inline int childrenRunning(const QByteArray &program)
{
    struct Count {
        const QByteArray &program;
        int n;
    } count{program, 0};
    procdeck::proctable::forEachProcess(
        [](const procdeck::proctable::ProcessInfo &info, void *raw) {
            auto *c = static_cast<Count *>(raw);
            const QByteArray argv0 = commandLineOf(info.pid).split(' ').value(0);
            if (info.alive() && info.ppid == ::getpid() && argv0.split('/').last() == c->program)
                ++c->n;
        },
        &count);
    return count.n;
}

/// For a failure message: each process's pid, parent, group, session and state.
inline QString describeProcesses(const QList<pid_t> &pids)
{
    QStringList lines;
    for (const pid_t pid : pids) {
        procdeck::proctable::ProcessInfo info;
        lines << (procdeck::proctable::readProcess(pid, &info)
                      ? QStringLiteral("pid %1 ppid %2 pgrp %3 sid %4 state %5")
                            .arg(pid).arg(info.ppid).arg(info.pgrp).arg(info.session).arg(QLatin1Char(info.state))
                      : QStringLiteral("pid %1 gone").arg(pid));
    }
    return lines.join(QLatin1String("; "));
}

/// The state letter of a process in /proc/<pid>/stat ('T' stopped, 'S' sleeping…), 0 if gone.
inline char processState(qint64 pid)
{
    procdeck::proctable::ProcessInfo info;
    return procdeck::proctable::readProcess(pid_t(pid), &info) ? info.state : 0;
}

/// Whether a process is held by a pause: stopped ('T'), or waiting in vfork() for a child that
/// was stopped before it could exec. dash runs simple commands through vfork(), so a SIGSTOP
/// to the group can land between the two; the parent then shows 'D' for as long as the child
/// stays stopped, and it is every bit as held. (The vfork child is in its parent's group; a
/// stopped child elsewhere, an escapee in a session of its own, does not hold the parent.)
inline bool isHeld(qint64 pid)
{
    procdeck::proctable::ProcessInfo self;
    if (!procdeck::proctable::readProcess(pid_t(pid), &self))
        return false;
    if (self.state == 'T' || self.state == 't')
        return true;
    if (self.state != 'D')
        return false;
    struct Search {
        const procdeck::proctable::ProcessInfo &parent;
        bool stoppedChild = false;
    } search{self};
    procdeck::proctable::forEachProcess(
        [](const procdeck::proctable::ProcessInfo &info, void *raw) {
            auto *s = static_cast<Search *>(raw);
            if (info.ppid == s->parent.pid && info.pgrp == s->parent.pgrp && (info.state == 'T' || info.state == 't'))
                s->stoppedChild = true;
        },
        &search);
    return search.stoppedChild;
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
    if (procdeck::JobStart::run(job) != procdeck::Job::StartResult::Started)
        return procdeck::isTerminal(job.state());
    return ended.count() > 0 || ended.wait(deadlineMs);
}

} // namespace testutil
