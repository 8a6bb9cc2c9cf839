// Steering jobs (issue 13) in the engine: GNU parallel's --halt (its spellings, the jobs it lets
// start and its exit status) and dependencies between a batch's jobs ("after", "after_success").
#include "core/scheduling/haltpolicy.h"
#include "core/scheduling/jobdependencies.h"
#include "core/types/jobstate.h"
#include "core/models/jobtablemodel.h"
#include "core/scheduling/scheduler.h"
#include "core/process/endreason.h"
#include "testutil.h"

#include <QTest>

#include <csignal>

using namespace procdeck;
using namespace testutil;

namespace {
constexpr int kDeadlineMs = 60000;
} // namespace

class TestHaltDeps : public QObject
{
    Q_OBJECT

private slots:
    void haltSpellings_data();
    void haltSpellings();
    void haltInTheScheduler_data();
    void haltInTheScheduler();
    void haltNowEndsRunningJobsTermThenKill();
    void afterSuccessSkips();
    void dependencyErrors_data();
    void dependencyErrors();
    void deepChain();
    void bigCycleNamedByItsFirstIds();
    void deepSkipCascade();
};

void TestHaltDeps::haltSpellings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("when");
    QTest::addColumn<int>("why");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("percent");
    using W = HaltPolicy::When;
    using Y = HaltPolicy::Why;
    QTest::newRow("0") << "0" << true << int(W::Never) << int(Y::Fail) << 0 << 0.0;
    QTest::newRow("never") << "never" << true << int(W::Never) << int(Y::Fail) << 0 << 0.0;
    QTest::newRow("1") << "1" << true << int(W::Soon) << int(Y::Fail) << 1 << 0.0;
    QTest::newRow("2") << "2" << true << int(W::Now) << int(Y::Fail) << 1 << 0.0;
    QTest::newRow("-1") << "-1" << true << int(W::Soon) << int(Y::Success) << 1 << 0.0;
    QTest::newRow("-2") << "-2" << true << int(W::Now) << int(Y::Success) << 1 << 0.0;
    QTest::newRow("20%") << "20%" << true << int(W::Soon) << int(Y::Fail) << 0 << 20.0;
    QTest::newRow("now,fail=1") << "now,fail=1" << true << int(W::Now) << int(Y::Fail) << 1 << 0.0;
    QTest::newRow("soon,success=3") << "soon,success=3" << true << int(W::Soon) << int(Y::Success) << 3 << 0.0;
    QTest::newRow("now,done=50%") << "now,done=50%" << true << int(W::Now) << int(Y::Done) << 0 << 50.0;
    QTest::newRow("later,fail=1") << "later,fail=1" << false << 0 << 0 << 0 << 0.0;
    QTest::newRow("now,fail=0") << "now,fail=0" << false << 0 << 0 << 0 << 0.0;
    QTest::newRow("now,fail=101%") << "now,fail=101%" << false << 0 << 0 << 0 << 0.0;
    QTest::newRow("3") << "3" << false << 0 << 0 << 0 << 0.0;
    QTest::newRow("now,oops=1") << "now,oops=1" << false << 0 << 0 << 0 << 0.0;
}

void TestHaltDeps::haltSpellings()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    HaltPolicy p;
    QString error;
    QCOMPARE(HaltPolicy::parse(text, &p, &error), ok);
    if (!ok) {
        QVERIFY(error.contains(text));
        return;
    }
    QFETCH(int, when);
    QFETCH(int, why);
    QFETCH(int, count);
    QFETCH(double, percent);
    QCOMPARE(int(p.when), when);
    if (p.isActive()) {
        QCOMPARE(int(p.why), why);
        QCOMPARE(p.count, count);
        QCOMPARE(p.percent, percent);
    }
}

void TestHaltDeps::haltInTheScheduler_data()
{
    // -j1, exit {} over 0,3,0,0,5,0: the jobs GNU parallel 20221122 runs (measured), and its status.
    QTest::addColumn<QString>("halt");
    QTest::addColumn<QList<int>>("ran");
    QTest::addColumn<int>("status");
    QTest::newRow("now,fail=1") << "now,fail=1" << QList<int>{1, 2} << 3;
    QTest::newRow("soon,fail=2") << "soon,fail=2" << QList<int>{1, 2, 3, 4, 5} << 2;
    QTest::newRow("-1") << "-1" << QList<int>{1} << 0;
    QTest::newRow("now,done=3") << "now,done=3" << QList<int>{1, 2, 3} << 1;
    QTest::newRow("soon,success=50%") << "soon,success=50%" << QList<int>{1, 2, 3, 4} << 0;
    QTest::newRow("soon,fail=20%") << "soon,fail=20%" << QList<int>{1, 2, 3, 4, 5} << 34;
}

void TestHaltDeps::haltInTheScheduler()
{
    QFETCH(QString, halt);
    QFETCH(QList<int>, ran);
    QFETCH(int, status);
    HaltPolicy policy;
    QString error;
    QVERIFY(HaltPolicy::parse(halt, &policy, &error));
    Scheduler s;
    StartRecorder started(s);
    s.setMaxParallel(1);
    QList<JobSpec> specs;
    for (const int code : {0, 3, 0, 0, 5, 0})
        specs << shell(QStringLiteral("exit %1").arg(code));
    QSignalSpy idle(&s, &Scheduler::idle);
    QSignalSpy halted(&s, &Scheduler::batchHalted);
    const int batch = s.addBatch(specs, policy);
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(started.seqs(), ran);
    const BatchHalt *h = s.batchHalt(batch);
    QVERIFY(h);
    QCOMPARE(h->currentExitStatus(), status);
    if (ran.size() < 6) {
        QCOMPARE(halted.count(), 1);
        QVERIFY(h->reason.contains(halt));
        const Job *notRun = s.jobAt(int(ran.size()));
        QCOMPARE(notRun->state(), JobState::Cancelled);
        QVERIFY(notRun->error().contains(QStringLiteral("halted")));
    }
}

void TestHaltDeps::haltNowEndsRunningJobsTermThenKill()
{
    // Job 1 ignores SIGTERM; job 2 fails: --halt now,fail=1 ends job 1, SIGKILL after its grace.
    HaltPolicy policy;
    QString error;
    QVERIFY(HaltPolicy::parse(QStringLiteral("now,fail=1"), &policy, &error));
    Scheduler s;
    s.setMaxParallel(2);
    JobSpec stubborn = shell(QStringLiteral("trap '' TERM; sleep 30 & wait; sleep 30"));
    stubborn.graceSeconds = 0.5;
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch({stubborn, shell(QStringLiteral("sleep 0.3; exit 4")), shell(QStringLiteral("true"))}, policy);
    QVERIFY(idle.wait(kDeadlineMs));
    const Job *first = s.jobAt(0);
    QCOMPARE(first->state(), JobState::Killed);
    QCOMPARE(first->signal(), SIGKILL); // the TERM was ignored: KILL after the grace
    // Told in order: the TERM, then the KILL a grace period later.
    const EndSignals sent = first->record().signalled;
    QVERIFY(sent.termMs >= 0);
    QVERIFY2(sent.killMs >= sent.termMs + 450, qPrintable(QString::number(sent.killMs - sent.termMs)));
    QCOMPARE(EndReason::summary(*first), QStringLiteral("Killed: SIGTERM at %1 s, still running at %2 s, SIGKILL.")
                                             .arg(EndReason::seconds(sent.termMs), EndReason::seconds(sent.killMs)));
    QCOMPARE(s.jobAt(2)->state(), JobState::Cancelled); // never started
    QCOMPARE(s.batchHalt(s.jobAt(0)->batchId())->currentExitStatus(), 4);
}

void TestHaltDeps::afterSuccessSkips()
{
    Scheduler s;
    s.setMaxParallel(4);
    QList<JobSpec> specs{shell(QStringLiteral("exit 1")), shell(QStringLiteral("true")), shell(QStringLiteral("true")),
                         shell(QStringLiteral("true"))};
    specs[0].id = QStringLiteral("a");
    specs[1].id = QStringLiteral("b");
    specs[1].afterSuccess = {QStringLiteral("a")};
    specs[2].after = {QStringLiteral("a")};
    specs[3].afterSuccess = {QStringLiteral("b")}; // b is skipped: so is this one, never left waiting
    QString error;
    QVERIFY2(jobdependencies::check(specs, &error), qPrintable(error));
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch(specs);
    QCOMPARE(JobTableModel::stateLine(*s.jobAt(1)), QStringLiteral("Waiting for #1"));
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(s.jobAt(0)->state(), JobState::Failed);
    QCOMPARE(s.jobAt(1)->state(), JobState::Skipped);
    QVERIFY2(s.jobAt(1)->error().contains(QStringLiteral("'a' (#1)")), qPrintable(s.jobAt(1)->error()));
    QCOMPARE(s.jobAt(2)->state(), JobState::Finished); // "after": whatever the outcome
    QVERIFY(s.jobAt(2)->startedAt() >= s.jobAt(0)->finishedAt());
    QCOMPARE(s.jobAt(3)->state(), JobState::Skipped);
    QVERIFY(s.jobAt(3)->error().contains(QStringLiteral("'b' (#2)")));
    QCOMPARE(JobTableModel::stateLine(*s.jobAt(3)), QStringLiteral("Skipped")); // waits for nothing any more
    QCOMPARE(s.totals().failed, 3);
    const JobRecord r = s.jobAt(1)->record();
    QCOMPARE(r.id, QStringLiteral("b"));
    QCOMPARE(r.afterSuccess, QStringList{QStringLiteral("a")});
}

void TestHaltDeps::dependencyErrors_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("after"); // "x>y": job x after y
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown") << QStringList{"a", "b"} << QStringList{"b>zz"} << "unknown job id(s) in \"after\"/\"after_success\": 'zz' (job 2)";
    QTest::newRow("cycle") << QStringList{"a", "b", "c"} << QStringList{"a>c", "b>a", "c>b"}
                           << "dependency cycle among job ids 'a', 'c', 'b': a → c → b → a";
    QTest::newRow("self") << QStringList{"a"} << QStringList{"a>a"} << "dependency cycle among job ids 'a': a → a";
    QTest::newRow("twice") << QStringList{"a", "a"} << QStringList{} << "job id 'a' is given twice (jobs 1 and 2)";
}

void TestHaltDeps::dependencyErrors()
{
    QFETCH(QStringList, ids);
    QFETCH(QStringList, after);
    QFETCH(QString, message);
    QList<JobSpec> specs;
    for (const QString &id : ids) {
        specs << shell(QStringLiteral("true"));
        specs.last().id = id;
    }
    for (const QString &edge : after) {
        const QStringList parts = edge.split(QLatin1Char('>'));
        specs[ids.indexOf(parts[0])].after << parts[1];
    }
    QString error;
    QVERIFY(!jobdependencies::check(specs, &error));
    QCOMPARE(error, message);
}

namespace {
/// n jobs j0 … j(n-1), each after the next: "j0 after j1", "j1 after j2", …
QList<JobSpec> chain(int n, bool successOnly)
{
    QList<JobSpec> specs;
    specs.reserve(n);
    for (int i = 0; i < n; ++i) {
        specs << shell(QStringLiteral("true"));
        specs.last().id = QStringLiteral("j%1").arg(i);
        QStringList &after = successOnly ? specs.last().afterSuccess : specs.last().after;
        if (i + 1 < n)
            after << QStringLiteral("j%1").arg(i + 1);
    }
    return specs;
}
} // namespace

void TestHaltDeps::deepChain()
{
    // 80,000 deep: a recursive search overflowed the stack (SIGSEGV before anything ran).
    QString error;
    QVERIFY2(jobdependencies::check(chain(80000, false), &error), qPrintable(error));
}

void TestHaltDeps::bigCycleNamedByItsFirstIds()
{
    QList<JobSpec> specs = chain(50000, false);
    specs.last().after << QStringLiteral("j0");
    QString error;
    QVERIFY(!jobdependencies::check(specs, &error));
    QCOMPARE(error, QStringLiteral("dependency cycle among 50000 job ids, 'j0', 'j1', 'j2', 'j3', "
                                   "'j4', …: j0 → j1 → j2 → j3 → j4 → … → j49999 → j0"));
}

void TestHaltDeps::deepSkipCascade()
{
    // The last job fails; every other one runs after_success of the next: each skip settles the
    // next one's dependents, 20,000 deep, which recursed through the scheduler.
    constexpr int kJobs = 20000;
    QList<JobSpec> specs = chain(kJobs, true);
    specs.last() = shell(QStringLiteral("exit 1"));
    specs.last().id = QStringLiteral("j%1").arg(kJobs - 1);
    QString error;
    QVERIFY2(jobdependencies::check(specs, &error), qPrintable(error));
    Scheduler s;
    QSignalSpy idle(&s, &Scheduler::idle);
    s.addBatch(specs);
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(s.jobAt(kJobs - 1)->state(), JobState::Failed);
    QCOMPARE(s.totals().failed, kJobs);
    QCOMPARE(s.jobAt(0)->state(), JobState::Skipped);
    const QString reason = s.jobAt(0)->error();
    QVERIFY2(reason.contains(QStringLiteral("'j1' (#2)")), qPrintable(reason));
}

QTEST_GUILESS_MAIN(TestHaltDeps)
#include "tst_haltdeps.moc"
