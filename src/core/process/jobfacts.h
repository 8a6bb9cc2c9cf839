#pragma once

#include "output/outputlog.h"
#include "pauseclock.h"
#include "remoterun.h"
#include "types/joblinks.h"
#include "types/jobrecord.h"
#include "types/jobspec.h"
#include "types/jobstate.h"
#include "types/jobusage.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>

namespace procdeck {

class JobOutput;

/// A job's record: what it was (its number, spec, command line, place and slot) and what became
/// of it (its state, times, end, notes, usage and captured output): what the table, the exports
/// and the history read. Job, the running process, is the one that writes it; nothing here acts.
class JobFacts
{
public:
    JobFacts(const JobFacts &) = delete;
    JobFacts &operator=(const JobFacts &) = delete;

    int seq() const { return m_seq; }
    /// This run's marker number (PROCDECK_JOB=<run id>:<tree id>): unique in the process for
    /// every start, so that no later job, nor a retry, is taken for an ended one. 0 before start.
    int treeId() const { return m_treeId; }
    int batchId() const { return m_batchId; }
    void setBatchId(int id) { m_batchId = id; }
    /// Its GNU parallel job slot (from 1; 0: none given): what {%} in its command becomes.
    /// The scheduler gives it before the start; a retry keeps its ended try's.
    int slot() const { return m_slot; }
    void setSlot(int slot) { m_slot = slot; }
    const JobSpec &spec() const { return m_spec; }
    /// The spec as it ran, its slot in place of {%} (1 before a start): what the history keeps
    /// and Run again runs.
    JobSpec specAsRun() const;
    JobState state() const { return m_state; }
    bool timedOut() const { return m_timedOut; }
    qint64 pid() const { return m_pid; }
    /// The leader's pid to show: this process's job's, or the engine's job's where it runs on
    /// this machine (RemoteRun::leaderPidHere()); 0 when none is here.
    qint64 shownPid() const;
    int exitCode() const { return m_exitCode; } ///< -1 until it exited normally
    int signal() const { return m_signal; }     ///< the signal that ended it, 0 if none
    /// spec().commandLine() and displayName(), worked out once (tables sort on them); {%} is
    /// its slot once it started.
    const QString &commandLine() const { return m_commandLine; }
    const QString &displayName() const { return m_displayName; }
    /// displayName() case-folded once, so that sorting 100,000 rows compares plain strings.
    const QString &sortName() const { return m_sortName; }
    QDateTime startedAt() const { return m_startedAt; }   ///< UTC; invalid if it never started
    QDateTime finishedAt() const { return m_finishedAt; } ///< UTC; invalid until it ended
    /// Run time so far (running) or in all (ended), from a monotonic clock.
    qint64 elapsedMs() const;
    QString error() const { return m_error; }
    /// Time spent paused in all, the current pause included.
    qint64 pausedMs() const { return m_pauseClock.totalMs(); }
    /// How long the current pause has lasted (0 unless Paused).
    qint64 currentPauseMs() const { return m_pauseClock.currentMs(); }
    /// Where it runs, null when here (RemoteRun::describe() says it for the exports).
    const RemoteRun *remote() const { return m_remote.get(); }
    /// Running as far as ProcDeck goes, and still in the cluster's own queue.
    bool pendingOnCluster() const;

    /// Its try number and what it waits for (the scheduler sets them, through Job).
    const JobLinks &links() const { return m_links; }
    int attempt() const { return m_links.attempt; }
    /// The job number of the first try: every try of one job shares it.
    int firstSeq() const { return m_links.firstSeq > 0 ? m_links.firstSeq : m_seq; }
    int retriedAs() const { return m_links.retriedAs; }
    const QList<int> &prerequisites() const { return m_links.prerequisites; }
    const QList<int> &waitingFor() const { return m_links.waitingFor; }

    /// What was read so far, as of the last outputChanged (they grow between two of those on the
    /// reading thread, unseen).
    const OutputLog &stdoutLog() const;
    const OutputLog &stderrLog() const;
    /// A stream's log, shared: what a worker thread holds while it makes the log's spill file
    /// complete (OutputLog::flush() waits for the disk), the job free to go meanwhile.
    std::shared_ptr<OutputLog> sharedStdoutLog() const;
    std::shared_ptr<OutputLog> sharedStderrLog() const;
    /// The in-memory tail of a stream decoded in the job's encoding.
    QString stdoutText() const;
    QString stderrText() const;
    /// True once the complete output is on disk (its spill files closed, or failed, or none):
    /// an ended job's files may still be being written. Never waits; flush() on a stream's
    /// shared log waits for it, off the window's thread.
    bool outputWritten() const;
    /// The output's bytes and lines as its remote side counted them, while its logs have not
    /// got it: a row made ended (JobStart::adoptEnded()) whose output is not fetched; -1 else.
    qint64 outputBytesThere() const { return countedThere(m_outputBytesThere); }
    qint64 outputLinesThere() const { return countedThere(m_outputLinesThere); }
    /// Bytes of each stream kept in memory from now on (an ended job needs less; 0 = none).
    void shrinkTails(qsizetype bytes);
    /// Frees the usage samples kept for drawing (JobUsage::forgetHistory).
    void forgetUsageHistory() { m_usage.forgetHistory(); }

    /// CPU and memory of the job's process tree, as sampled (ProcessSampler).
    const JobUsage &usage() const { return m_usage; }

    /// Everything known now, as a value.
    JobRecord record() const;

protected:
    /// `outputDir` empty: output is kept in memory only (the bounded tail).
    JobFacts(int seq, JobSpec spec, const QString &outputDir, qsizetype tailLimit);
    ~JobFacts();
    /// The spec to run: its slot in place of {%} (1 when started alone); the command line
    /// shown becomes that one, as the exports and the history say.
    JobSpec specToRun();
    /// How a job the other side ran ended, when that side says (RemoteRun::failedToStart(),
    /// endStateThere()); its run time and timeout as measured there. Else nothing.
    std::optional<JobState> remoteEnd();

    const int m_seq;
    int m_treeId = 0;
    int m_batchId = 0;
    int m_slot = 0;
    const JobSpec m_spec;
    QString m_commandLine;
    QString m_displayName;
    QString m_sortName;
    JobState m_state = JobState::Queued;
    std::unique_ptr<RemoteRun> m_remote; ///< where it runs when not here (kept after the end)
    std::unique_ptr<JobOutput> m_output;
    QElapsedTimer m_clock;
    qint64 m_clockOffsetMs = 0; ///< the other side's start before m_clock's (startedThere())
    qint64 m_durationMs = 0;
    PauseClock m_pauseClock;
    JobLinks m_links;
    QDateTime m_queuedAt;
    QDateTime m_startedAt;
    QDateTime m_finishedAt;
    qint64 m_pid = 0;
    int m_exitCode = -1;
    int m_signal = 0;
    bool m_timedOut = false;
    QString m_error;
    QStringList m_notes;
    EndSignals m_signalled;
    /// Both streams' sum, or -1 while neither was counted there.
    static qint64 countedThere(const std::array<qint64, 2> &counts);
    /// The remote side's counts into `r` while the logs have not got them; true when some of
    /// the output is not in the logs (not fetched).
    bool takeCountsThere(JobRecord &r) const;
    std::array<qint64, 2> m_outputBytesThere{-1, -1}; ///< stdout's, stderr's; -1: not said
    std::array<qint64, 2> m_outputLinesThere{-1, -1};
    int m_nice = 0; ///< the spec's at the start, a renice's after (Job::setPriority)
    JobUsage m_usage;
};

} // namespace procdeck
