// The escapee sweep's passes over /proc run on a thread of their own: the thread that asks (the
// window's) never waits on /proc, and escapees are ended even while it is busy.
#include "core/process/escapeesweep.h"
#include "core/process/job.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 30000;
} // namespace

class TestEscapeeSweep : public QObject
{
    Q_OBJECT

private slots:
    void escapeesEndWhileTheAskingThreadIsBusy();
};

void TestEscapeeSweep::escapeesEndWhileTheAskingThreadIsBusy()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("escapee"));
    Job job(1, testutil::shell(QStringLiteral("setsid sleep 3141 & echo $! > '%1'; sleep 3142").arg(pidFile)), QString());
    job.start();
    qint64 escapee = 0;
    QTRY_VERIFY_WITH_TIMEOUT((escapee = testutil::pidInFile(pidFile)) > 0 && testutil::commandLineOf(pid_t(escapee)) == "sleep 3141",
                             kDeadlineMs);
    QElapsedTimer clock;
    clock.start();
    escapeesweep::request(job.treeId(), SIGKILL);
    const qint64 askNs = clock.nsecsElapsed();
    // This thread goes on with other work and never returns to its event loop: the pass is made
    // elsewhere meanwhile. (A busy wait on purpose: a wait that ran the event loop would let a
    // pass made on this thread through.)
    const QDeadlineTimer deadline(kDeadlineMs);
    char state = testutil::processState(escapee);
    while (state != 0 && state != 'Z' && !deadline.hasExpired()) {
        QThread::yieldCurrentThread();
        state = testutil::processState(escapee);
    }
    QVERIFY2(state == 0 || state == 'Z', qPrintable(QStringLiteral("escapee %1 is '%2'").arg(escapee).arg(QChar(state))));
    // The job's own group is left to signals to its group: its leader still runs.
    const char leader = testutil::processState(job.pid());
    QVERIFY2(leader != 0 && leader != 'Z', qPrintable(QString(QChar(leader))));
    escapeesweep::runNow();
    // What the asking thread spent, against a whole pass (every process's environment read anew:
    // the tree id is one this sweep never saw).
    clock.restart();
    escapeesweep::request(job.treeId() + 1000, SIGCONT);
    escapeesweep::runNow();
    qInfo("asking took %.3f ms; a pass over /proc takes %.3f ms", askNs / 1e6, clock.nsecsElapsed() / 1e6);
}

QTEST_GUILESS_MAIN(TestEscapeeSweep)
#include "tst_escapeesweep.moc"
