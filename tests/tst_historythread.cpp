// The history's disk and SQLite work happens on its own thread: the window's thread asks and is
// told by signal (openInBackground, fetchRecent, fetchKeptOutputBytes), never waits.
#include "core/history/history.h"
#include "core/history/historyrows.h"
#include "core/history/historywriter.h"
#include "core/scheduling/scheduler.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 30000;

/// Rows an earlier ProcDeck could not write before it ended: the next open merges them.
void writeJournal(const QString &databasePath, int rows, const QString &stdoutFile)
{
    QFile journal(HistoryWriter::journalPath(databasePath));
    QVERIFY(journal.open(QIODevice::WriteOnly));
    for (int seq = 1; seq <= rows; ++seq) {
        historyrows::Row row;
        row.runId = QStringLiteral("earlier-run");
        row.ownerPid = 1;
        row.record.seq = seq;
        row.record.command = QStringLiteral("echo earlier %1").arg(seq);
        row.record.state = JobState::Finished;
        row.record.queuedAt = QDateTime::currentDateTimeUtc().addSecs(seq - 100);
        row.record.stdoutPath = stdoutFile;
        row.spec = testutil::shell(row.record.command);
        journal.write(historyrows::toJournalLine(row));
    }
}

bool journalGone(const QString &databasePath)
{
    const QString journal = HistoryWriter::journalPath(databasePath);
    return !QFile::exists(journal)
        && !QFile::exists(journal + QStringLiteral(".taken-%1").arg(QCoreApplication::applicationPid()));
}
} // namespace

class TestHistoryThread : public QObject
{
    Q_OBJECT

private slots:
    void openRunsOffTheCallersThread();
    void readsRunOffTheCallersThread();
    void jobsRecordedWhileOpeningAreKept();
    void failedOpenIsToldAndKeepsNothing();
    void closeWhileOpeningWaitsForTheOpen();
    void rowsReadAlikeFromJournalAndDatabase();

private:
    QTemporaryDir m_dir;
};

void TestHistoryThread::openRunsOffTheCallersThread()
{
    const QString path = m_dir.filePath(QStringLiteral("open/history.sqlite")); // its folder is made too
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("open"))));
    writeJournal(path, 3, {});
    History history;
    QSignalSpy opened(&history, &History::opened);
    history.openInBackground(path);
    // From here this thread (the window's) does not turn its event loop: were any of the open done
    // on it, the journal would never be merged.
    const QDeadlineTimer deadline(kDeadlineMs);
    while (!journalGone(path) && !deadline.hasExpired())
        QThread::msleep(5);
    QVERIFY(journalGone(path));
    QVERIFY(QFile::exists(path));
    QVERIFY(history.isOpening());
    QVERIFY(!history.isOpen()); // told only through this thread's event loop
    QVERIFY(opened.wait(kDeadlineMs));
    QCOMPARE(opened.first().at(0).toBool(), true);
    QVERIFY(history.isOpen() && !history.isOpening());
    QCOMPARE(history.recent(10).size(), 3); // the waiting form, for procdeck-cli and tests
}

void TestHistoryThread::readsRunOffTheCallersThread()
{
    const QString path = m_dir.filePath(QStringLiteral("reads.sqlite"));
    const QString kept = m_dir.filePath(QStringLiteral("kept-output"));
    QFile out(kept);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray(1234, 'x'));
    out.close();
    writeJournal(path, 5, kept);
    History history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));

    QList<HistoryEntry> entries;
    quint64 entriesTicket = 0;
    connect(&history, &History::recentFetched, this, [&](quint64 ticket, const QList<HistoryEntry> &fetched) {
        entriesTicket = ticket;
        entries = fetched;
    });
    qint64 bytes = -1;
    quint64 bytesTicket = 0;
    connect(&history, &History::keptOutputBytesFetched, this, [&](quint64 ticket, qint64 fetched) {
        bytesTicket = ticket;
        bytes = fetched;
    });
    const quint64 first = history.fetchRecent(10, QStringLiteral("EARLIER 2"));
    const quint64 sizes = history.fetchKeptOutputBytes();
    QVERIFY(first != sizes);
    QCOMPARE(entriesTicket, quint64(0)); // answers come through the event loop, never at once
    QCOMPARE(bytes, qint64(-1));
    QTRY_COMPARE_WITH_TIMEOUT(bytesTicket, sizes, kDeadlineMs);
    QCOMPARE(entriesTicket, first); // asked first, answered first: one thread, in order
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().record.command, QStringLiteral("echo earlier 2"));
    QCOMPARE(bytes, qint64(5 * 1234)); // each row names the file once
}

void TestHistoryThread::jobsRecordedWhileOpeningAreKept()
{
    const QString path = m_dir.filePath(QStringLiteral("early.sqlite"));
    writeJournal(path, 2000, {}); // an open that takes a while
    History history;
    Scheduler s;
    s.setOutputDir(m_dir.filePath(QStringLiteral("runs-early")));
    history.attach(&s);
    QSignalSpy opened(&history, &History::opened);
    QSignalSpy idle(&s, &Scheduler::idle);
    history.openInBackground(path);
    s.add(testutil::shell(QStringLiteral("echo while-opening")));
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY(opened.count() == 1 || opened.wait(kDeadlineMs));
    QVERIFY(history.waitForWrites(kDeadlineMs));
    const QList<HistoryEntry> found = history.recent(10, QStringLiteral("while-opening"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().stateKey, QStringLiteral("finished"));
    QCOMPARE(history.recent(0).size(), 2001);
}

void TestHistoryThread::failedOpenIsToldAndKeepsNothing()
{
    History history;
    QSignalSpy opened(&history, &History::opened);
    history.openInBackground(QStringLiteral("/proc/procdeck-no-such-folder/history.sqlite"));
    QVERIFY(opened.wait(kDeadlineMs));
    QCOMPARE(opened.first().at(0).toBool(), false);
    QVERIFY2(opened.first().at(1).toString().contains(QLatin1String("cannot create the history database")),
             qPrintable(opened.first().at(1).toString()));
    QVERIFY(!history.isOpen() && !history.isOpening());
    QCOMPARE(history.close(), QString());
}

void TestHistoryThread::closeWhileOpeningWaitsForTheOpen()
{
    const QString path = m_dir.filePath(QStringLiteral("quick-quit.sqlite"));
    writeJournal(path, 500, {});
    {
        History history;
        history.openInBackground(path);
        QCOMPARE(history.close(), QString()); // at once: ProcDeck quit while the history opened
        QVERIFY(!history.isOpening());
    }
    QVERIFY(journalGone(path));
    History later;
    QString error;
    QVERIFY2(later.open(path, &error), qPrintable(error));
    QCOMPARE(later.recent(0).size(), 500);
}

void TestHistoryThread::rowsReadAlikeFromJournalAndDatabase()
{
    historyrows::Row row;
    row.runId = QStringLiteral("every-field");
    row.ownerPid = 4242;
    JobRecord &r = row.record;
    r.seq = 7;
    r.batchId = 2;
    r.command = QStringLiteral("sleep 9");
    r.label = QStringLiteral("nap");
    r.state = JobState::Killed;
    r.exitCode = -1;
    r.signal = 15;
    r.timedOut = true;
    r.queuedAt = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
    r.startedAt = r.queuedAt.addMSecs(5);
    r.finishedAt = r.queuedAt.addMSecs(1005);
    r.durationMs = 1000;
    r.pid = 31337;
    r.stdoutBytes = 12;
    r.stderrBytes = 34;
    r.encoding = QStringLiteral("CP949");
    r.cwd = QStringLiteral("/tmp");
    r.error = QStringLiteral("timed out");
    r.notes = QStringLiteral("its tree was killed");
    r.stdoutPath = QStringLiteral("/tmp/out");
    r.stderrPath = QStringLiteral("/tmp/err");
    r.peakRssKb = 2048;
    r.cpuSeconds = 0.5;
    r.ioReadBytes = 0; // measured: none (not null)
    r.ioWriteBytes = 104857600;
    r.nice = 7; // a Priority… while it ran: not the spec's 0 it started at
    row.spec = testutil::shell(QStringLiteral("sleep 9"));
    historyrows::Row back;
    QVERIFY(historyrows::fromJournalLine(historyrows::toJournalLine(row), &back));
    QCOMPARE(back.runId, row.runId);
    QCOMPARE(back.ownerPid, row.ownerPid);
    QCOMPARE(back.spec, row.spec);
    // A journal line as written before the one reading of a row (-1 and 0 rather than null, a bool).
    const QByteArray older = R"({"run_id":"older","owner_pid":1,"seq":3,"batch":0,"command":"true","label":"","state":"finished",)"
                             R"("exit_code":0,"signal":0,"timed_out":false,"queued":"2026-01-01T00:00:00.000Z","started":"",)"
                             R"("finished":"","duration_ms":12,"pid":0,"stdout_bytes":0,"stderr_bytes":0,"encoding":"UTF-8",)"
                             R"("cwd":"","error":"","notes":"","stdout_file":"","stderr_file":"","peak_rss_kb":0,"cpu_s":0,"spec":"{}"})";
    historyrows::Row old;
    QVERIFY(historyrows::fromJournalLine(older, &old));
    QCOMPARE(old.record.exitCode, 0);
    QCOMPARE(old.record.durationMs, qint64(12));
    QCOMPARE(old.record.ioReadBytes, qint64(-1)); // not measured then
    QCOMPARE(old.record.ioWriteBytes, qint64(-1));
    QVERIFY(!historyrows::fromJournalLine(QByteArray(R"({"run_id":"x","seq":1,"state":"no-such-state"})"), &old));

    // Through the journal into the database and out of it: the record is the one written.
    const QString path = m_dir.filePath(QStringLiteral("alike.sqlite"));
    QFile journal(HistoryWriter::journalPath(path));
    QVERIFY(journal.open(QIODevice::WriteOnly));
    journal.write(historyrows::toJournalLine(row));
    journal.close();
    History history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));
    const QList<HistoryEntry> entries = history.recent(10);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().record, back.record);
    QCOMPARE(entries.first().record, row.record);
    QCOMPARE(entries.first().spec, row.spec);
    QCOMPARE(entries.first().stateKey, QStringLiteral("killed"));
}

QTEST_GUILESS_MAIN(TestHistoryThread)
#include "tst_historythread.moc"
