// Issue 26.4's leftover: Priority… reaches the job's marked escapees outside its group too.
#include "core/process/job.h"
#include "core/process/jobpriority.h"
#include "core/scheduling/scheduler.h"

#include <QTest>

#include "testutil.h"

#include <cerrno>
#include <sys/resource.h>

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000;

/// The niceness of `pid` now; 100 when it cannot be read.
int niceOf(pid_t pid)
{
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, id_t(pid));
    return errno == 0 ? nice : 100;
}
} // namespace

class TestPriorityEscapees : public QObject
{
    Q_OBJECT

private slots:
    void reniceReachesAnEscapee();
};

void TestPriorityEscapees::reniceReachesAnEscapee()
{
    // setsid puts sleep 61 in a session (and group) of its own: setpriority(PRIO_PGRP) on the
    // job's group does not reach it; its marker does.
    Scheduler s;
    Job *job = s.add(testutil::shell(QStringLiteral("setsid sleep 61 & exec sleep 62")));
    QTRY_COMPARE_WITH_TIMEOUT(testutil::ownProcessesNamed("sleep 61").size(), 1, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(testutil::ownProcessesNamed("sleep 62").size(), 1, kDeadlineMs);
    const pid_t escapee = testutil::ownProcessesNamed("sleep 61").first();
    const pid_t member = testutil::ownProcessesNamed("sleep 62").first();
    QVERIFY(::getpgid(escapee) != job->pid());
    QCOMPARE(::getpgid(member), pid_t(job->pid()));
    const int before = niceOf(escapee);
    const int wanted = qMin(19, before + 7);
    JobPriority::Request request;
    request.nice = wanted;
    QCOMPARE(JobPriority::apply(job, request), QString());
    QCOMPARE(niceOf(member), wanted); // the group at once
    QTRY_COMPARE_WITH_TIMEOUT(niceOf(escapee), wanted, kDeadlineMs); // in the sweep's pass
    s.killAll();
    QTRY_VERIFY_WITH_TIMEOUT(testutil::ownProcessesNamed("sleep 61").isEmpty()
                                     && testutil::ownProcessesNamed("sleep 62").isEmpty(),
                             kDeadlineMs);
}

QTEST_GUILESS_MAIN(TestPriorityEscapees)
#include "tst_priorityescapees.moc"
