#pragma once

#include <QHash>

namespace procdeck {

/// GNU parallel's --onall -j N: its outer run starts one `parallel -j1 -S LOGIN` per login, at
/// most N at once, in the logins' order, and starts the next as soon as one of them has ended.
/// Here a login's turn begins with the start of its first job and ends with the end of its last
/// (each login runs the same number of jobs). Kept per batch: a run named again (the window's
/// same command run twice) takes its turns afresh.
class LoginTurns final
{
public:
    /// `atOnce` logins at a time, each running `jobsPerLogin` jobs.
    LoginTurns(int atOnce, int jobsPerLogin) : m_atOnce(atOnce), m_jobsPerLogin(jobsPerLogin) {}

    /// True when a job of `batchId` for `login` (a number from 0, the logins' order) may start
    /// now: its login has its turn, or is the next to take one and one is free.
    bool mayStart(int batchId, int login) const;
    /// A job that mayStart() allowed has started: its login has its turn from now.
    void started(int batchId, int login);
    /// A job of `batchId` for `login` has ended with no try to follow (count each job once).
    /// True when that ended its login's turn: another login may take one.
    bool ended(int batchId, int login);

private:
    struct Run {
        int next = 0;             ///< the logins before it have had their turn (or have it)
        QHash<int, int> ended;    ///< jobs ended, by login
    };
    int turnsTaken(const Run &run) const;

    const int m_atOnce;
    const int m_jobsPerLogin;
    QHash<int, Run> m_runs; ///< by batch
};

} // namespace procdeck
