#include "core/process/job.h"
#include "core/scheduling/scheduler.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "testutil.h"

using namespace procdeck;
using testutil::shell;

namespace {
constexpr int kDeadlineMs = 30000;
} // namespace

/// What an ended job keeps in memory (issue 25: the engine holds 100,000 of them).
class TestEndedJob : public QObject
{
    Q_OBJECT

private slots:
    void emptyStreamsShareOneLog();
};

void TestEndedJob::emptyStreamsShareOneLog()
{
    // A stream that ended empty keeps no log of its own (two of ~290 bytes a job): every such
    // stream is the one shared log. A stream that printed keeps its own, its bytes readable.
    QTemporaryDir dir;
    Scheduler s;
    s.setOutputDir(dir.path());
    s.setEndedJobKeep({0, false}); // as the engine and procdeck-cli
    s.addBatch({shell(QStringLiteral("true")), shell(QStringLiteral("true")),
                shell(QStringLiteral("echo out")), shell(QStringLiteral("echo err >&2"))});
    QTRY_VERIFY_WITH_TIMEOUT(s.isIdle(), kDeadlineMs);
    const Job *quiet = s.jobAt(0);
    const Job *alsoQuiet = s.jobAt(1);
    const Job *printed = s.jobAt(2);
    const Job *complained = s.jobAt(3);
    QCOMPARE(quiet->state(), JobState::Finished);
    QCOMPARE(&quiet->stdoutLog(), &alsoQuiet->stdoutLog());
    QCOMPARE(&quiet->stderrLog(), &alsoQuiet->stderrLog());
    QCOMPARE(&quiet->stdoutLog(), &quiet->stderrLog());
    QCOMPARE(&printed->stderrLog(), &quiet->stderrLog());
    QCOMPARE(&complained->stdoutLog(), &quiet->stdoutLog());
    QVERIFY(&printed->stdoutLog() != &quiet->stdoutLog());
    QVERIFY(&complained->stderrLog() != &quiet->stderrLog());

    // What the exports and the window read of them stays as it was.
    QCOMPARE(quiet->stdoutLog().totalBytes(), 0);
    QCOMPARE(quiet->stdoutLog().spillPath(), QString());
    QCOMPARE(quiet->record().stdoutBytes, 0);
    QCOMPARE(quiet->stdoutText(), QString());
    QVERIFY(quiet->outputWritten());
    QCOMPARE(printed->sharedStdoutLog()->readAll(), QByteArray("out\n"));
    QCOMPARE(printed->stdoutLog().tailMemory(), 0); // no tail kept: it is in its spill file
    QCOMPARE(printed->record().stdoutLines, 1);
    QCOMPARE(complained->sharedStderrLog()->readAll(), QByteArray("err\n"));
}

QTEST_GUILESS_MAIN(TestEndedJob)
#include "tst_endedjob.moc"
