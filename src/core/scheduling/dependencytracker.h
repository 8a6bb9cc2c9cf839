#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

namespace procdeck {

class Job;

/// Which queued jobs wait for which others ("after", "after_success", "Run after…"), and what
/// becomes of them as those end. Prerequisites are known by their first job number, so that a
/// retried job is waited for until its last try. Work per end is the number of its dependents.
class DependencyTracker final
{
public:
    /// What one prerequisite's end means for the jobs that waited for it.
    struct Outcome {
        QList<Job *> ready;                   ///< waits for nothing more: may be queued
        QList<QPair<Job *, QString>> skipped; ///< an "after_success" prerequisite did not succeed
    };

    /// `job` (queued) waits for `after` (whatever their outcome) and `afterSuccess` (their
    /// last tries: jobs that may have ended already). Returns a reason to skip it at once (a
    /// prerequisite already ended without success) or an empty string; isWaiting() says
    /// whether it waits.
    QString add(Job *job, const QList<const Job *> &after, const QList<const Job *> &afterSuccess);
    bool isWaiting(const Job *job) const { return m_waiting.contains(job); }
    QList<Job *> waitingJobs() const;
    /// `prerequisite` ended and no try follows it.
    Outcome settled(const Job &prerequisite);
    /// `job` ended while it waited (cancelled): it waits no more.
    void forget(const Job *job);

private:
    struct Waiter {
        QSet<int> after;       ///< first job numbers not yet ended
        QSet<int> afterSuccess;
    };
    void showWaiting(Job *job, const Waiter &w) const;

    QHash<const Job *, Waiter> m_waiting;
    QHash<int, QList<Job *>> m_dependents; ///< first job number → the jobs waiting for it
};

/// "job 'a' (#1) ended failed", the error of a job skipped for it.
QString skippedBecause(const Job &prerequisite);

} // namespace procdeck
