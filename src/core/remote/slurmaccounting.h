#pragma once

#include "process/helperprocess.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace procdeck {

/// The final state Slurm's accounting keeps of one ended job or step (TIMEOUT, OUT_OF_MEMORY,
/// NODE_FAIL, PREEMPTED, CANCELLED …), read with `sacct` as a HelperProcess, never on the
/// caller's time. slurmctld hands a job's end to slurmdbd a moment after srun has exited, so
/// sacct is asked again every kAgainMs while it still says the job runs, for at most kLongestMs:
/// a job's end waits no longer than that for its words. 3 s was too short where slurmdbd is
/// busy (a loaded 2-core machine: the step's CANCELLED came later and the record kept none);
/// the wait ends as soon as the state is final, so only a lagging slurmdbd costs it. A cluster
/// without accounting answers once; `*missing` (shared by the runs of one queue) then keeps
/// its later jobs from asking.
class SlurmAccounting final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmAccounting)

public:
    static constexpr int kAgainMs = 250;
    static constexpr int kLongestMs = 15000;

    explicit SlurmAccounting(QObject *parent = nullptr);

    /// Asks for the state of `id` (JOBID or JOBID.STEPID) and calls `then` with it, empty when
    /// none could be had; at once when `*missing` (no accounting) or `id` is empty.
    void ask(const QString &id, bool *missing, std::function<void(const QString &)> then);

    /// The state named in sacct's answer `out` (`-P -n -o JobID,State`) for `id`, its first
    /// word ("CANCELLED by 0" → CANCELLED); empty when `id` is not in it.
    static QString stateIn(const QByteArray &out, const QString &id);
    /// True for the states a job or step ends in.
    static bool isFinal(const QString &state);

private:
    void start();
    void onAnswered(const HelperResult &result);
    void finish(const QString &state);

    QString m_id;
    bool *m_missing = nullptr;
    std::function<void(const QString &)> m_then;
    QElapsedTimer m_since;
    QTimer m_again;
    HelperProcess m_sacct;
};

} // namespace procdeck
