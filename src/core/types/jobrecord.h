#pragma once

#include "jobstate.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace procdeck {

/// When ProcDeck signalled a job's tree to end it (a timeout, a kill), in ms from its start; -1
/// when that signal was not sent (or, for SIGKILL, only reached what outlived the job's leader);
/// which signals it sent at all (Send signal…), and whether the kernel's OOM killer was busy.
struct EndSignals {
    qint64 termMs = -1;
    qint64 killMs = -1;
    quint64 sentMask = 0;     ///< bit N: ProcDeck sent signal N to its tree (N < 64)
    bool oomKillRose = false; ///< SIGKILL, not ProcDeck's, while /proc/vmstat's oom_kill rose
    bool sent(int sig) const { return sig > 0 && sig < 64 && (sentMask >> sig) & 1U; }
    void markSent(int sig) { sentMask |= sig > 0 && sig < 64 ? quint64(1) << sig : 0; }
    friend bool operator==(const EndSignals &a, const EndSignals &b)
    {
        return a.termMs == b.termMs && a.killMs == b.killMs && a.sentMask == b.sentMask
                && a.oomKillRose == b.oomKillRose;
    }
};

/// What is known of one job at one moment: the figures the window shows and the exports write,
/// taken from one place so that they cannot disagree. A plain value, compared whole in tests.
struct JobRecord {
    int seq = 0;                 ///< 1-based, in the order jobs were added
    int batchId = 0;             ///< jobs added together share it; 0 = added alone
    QString command;             ///< the command line as a person would type it
    QString label;
    JobState state = JobState::Queued;
    int exitCode = -1;           ///< -1 until the process exited normally
    int signal = 0;              ///< the signal that ended it, 0 if none
    bool timedOut = false;       ///< the timeout expired (whatever the policy then did)
    QDateTime queuedAt;          ///< UTC
    QDateTime startedAt;         ///< UTC, invalid if it never started
    QDateTime finishedAt;        ///< UTC, invalid until it ended
    qint64 durationMs = 0;       ///< monotonic run time; live while running, fixed at the end
    qint64 pid = 0;              ///< also the process group id; kept after the process is gone
    qint64 stdinBytes = 0;
    qint64 stdoutBytes = 0;
    qint64 stderrBytes = 0;
    qint64 stdoutLines = 0;
    qint64 stderrLines = 0;
    QString encoding;
    QString cwd;
    QString error;               ///< why it failed to start, or what went wrong around it
    QString notes;               ///< what ProcDeck did on its own (leftover processes killed…)
    qint64 peakRssKb = 0;        ///< the largest resident memory of its tree, as measured; 0: never
    double cpuSeconds = 0;       ///< user + system CPU of its process tree, as sampled
    qint64 ioReadBytes = -1;     ///< storage bytes its tree read (read_bytes); -1: never measured
    qint64 ioWriteBytes = -1;    ///< and wrote (write_bytes)
    QString stdoutPath;          ///< the complete stdout, when spilled
    QString stderrPath;
    QString executor = QStringLiteral("local"); ///< "local", "ssh" or "slurm"
    QString host;                ///< this computer's name, the ssh host, or the Slurm node
    QString slurmJobId;          ///< Slurm's job id; empty for other executors
    QString slurmState; ///< its final state in sacct (TIMEOUT, OUT_OF_MEMORY …); empty: not kept
    qint64 pausedMs = 0;         ///< time spent paused (stopped), within durationMs
    int attempts = 1; ///< which try this was (GNU parallel's --retries); 1 when it ran once
    QString id;                  ///< its batch file's "id", if any
    QStringList after;           ///< the jobs it waited for ("after"), as given
    QStringList afterSuccess;    ///< the jobs it waited for to succeed ("after_success")
    EndSignals signalled;        ///< when its tree had SIGTERM and SIGKILL, for the end's story
    int nice = 0;                ///< the niceness its tree was last given (--nice, Priority…)
    QStringList values;          ///< what its batch or GNU parallel's arguments gave it ({})

    void setSteering(qint64 paused, int attempt, const QString &jobId, const QStringList &waitsFor,
                     const QStringList &waitsForSuccess);

    friend bool operator==(const JobRecord &a, const JobRecord &b)
    {
        return a.seq == b.seq && a.batchId == b.batchId && a.command == b.command
                && a.label == b.label && a.state == b.state && a.exitCode == b.exitCode
                && a.signal == b.signal && a.timedOut == b.timedOut && a.queuedAt == b.queuedAt
                && a.startedAt == b.startedAt && a.finishedAt == b.finishedAt
                && a.durationMs == b.durationMs && a.pid == b.pid && a.stdinBytes == b.stdinBytes
                && a.stdoutBytes == b.stdoutBytes && a.stderrBytes == b.stderrBytes
                && a.stdoutLines == b.stdoutLines && a.stderrLines == b.stderrLines
                && a.encoding == b.encoding && a.cwd == b.cwd && a.error == b.error
                && a.notes == b.notes && a.peakRssKb == b.peakRssKb && a.cpuSeconds == b.cpuSeconds
                && a.stdoutPath == b.stdoutPath && a.stderrPath == b.stderrPath
                && a.executor == b.executor && a.host == b.host && a.slurmJobId == b.slurmJobId
                && a.slurmState == b.slurmState
                && a.pausedMs == b.pausedMs && a.attempts == b.attempts && a.id == b.id
                && a.after == b.after && a.afterSuccess == b.afterSuccess
                && a.signalled == b.signalled && a.ioReadBytes == b.ioReadBytes
                && a.ioWriteBytes == b.ioWriteBytes && a.nice == b.nice
                && a.values == b.values;
    }
    friend bool operator!=(const JobRecord &a, const JobRecord &b) { return !(a == b); }
};

} // namespace procdeck
