#include "loginturns.h"

namespace procdeck {

int LoginTurns::turnsTaken(const Run &run) const
{
    int taken = 0;
    for (int login = 0; login < run.next; ++login)
        taken += run.ended.value(login) < m_jobsPerLogin;
    return taken;
}

bool LoginTurns::mayStart(int batchId, int login) const
{
    const Run run = m_runs.value(batchId);
    if (login < run.next)
        return true;
    return login == run.next && turnsTaken(run) < m_atOnce;
}

void LoginTurns::started(int batchId, int login)
{
    Run &run = m_runs[batchId];
    if (login == run.next)
        ++run.next;
}

bool LoginTurns::ended(int batchId, int login)
{
    Run &run = m_runs[batchId];
    if (++run.ended[login] < m_jobsPerLogin)
        return false;
    // A login whose jobs all ended without one starting (cancelled, its --basefile not copied)
    // had its turn all the same: the next ones are not held behind it.
    while (run.ended.value(run.next) >= m_jobsPerLogin)
        ++run.next;
    return true;
}

} // namespace procdeck
