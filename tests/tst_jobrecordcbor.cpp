// The engine's job records (issue 25), written straight as CBOR for speed, against the JSON Lines
// export they must not drift from: the same keys with the same values and types, for a job with
// every kind of field.
#include "testutil.h"

#include "core/export/runlog.h"
#include "core/models/jobrecordcbor.h"
#include "core/models/recordframe.h"
#include "core/process/job.h"
#include "core/protocol/framereader.h"
#include "core/protocol/protocol.h"
#include "core/scheduling/scheduler.h"
#include "core/types/rawbytes.h"

#include <QCborArray>
#include <QCborValue>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>

using namespace procdeck;

namespace {

constexpr int kDeadlineMs = 60000;

/// What the export says of a record, as the engine said it before: its JSON line read as CBOR.
QCborMap exported(const JobRecord &r, bool stdoutTruncated, bool stderrTruncated)
{
    ExportEntry e;
    e.record = r;
    e.stdoutTruncated = stdoutTruncated;
    e.stderrTruncated = stderrTruncated;
    return QCborMap::fromJsonObject(runlog::toJson(e));
}

QCborMap written(const JobRecord &r, bool stdoutTruncated, bool stderrTruncated)
{
    QByteArray bytes;
    QCborStreamWriter w(&bytes);
    jobrecordcbor::write(w, r, stdoutTruncated, stderrTruncated);
    return QCborValue::fromCbor(bytes).toMap();
}

/// Key for key, value for value, type for type (an integer 3 is not the double 3.0); the
/// order of the keys is no part of the contract.
QString difference(const QCborMap &actual, const QCborMap &expected)
{
    QStringList out;
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        const QCborValue a = actual.value(it.key());
        if (!actual.contains(it.key()))
            out << it.key().toString() + QStringLiteral(": missing");
        else if (a != it.value() || a.type() != it.value().type())
            out << QStringLiteral("%1: %2 (expected %3)")
                           .arg(it.key().toString(), a.toDiagnosticNotation(),
                                it.value().toDiagnosticNotation());
    }
    for (auto it = actual.constBegin(); it != actual.constEnd(); ++it) {
        if (!expected.contains(it.key()))
            out << it.key().toString() + QStringLiteral(": not in the export");
    }
    return out.join(QLatin1String("; "));
}

JobRecord everyField()
{
    JobRecord r;
    r.seq = 7;
    r.batchId = 3;
    // Bytes that are not UTF-8 (kept as surrogate escapes), a lone surrogate, a pair, escapes.
    r.command = rawbytes::fromBytes("printf '\xff\xfe' \"q\" \\ \t\x01") + QChar(0xD800)
            + QString::fromUtf8(" 😀 안녕") + QChar(u'\0');
    r.label = QStringLiteral("a label");
    r.state = JobState::Failed;
    r.exitCode = -1;
    r.signal = SIGTERM;
    r.timedOut = true;
    r.queuedAt = QDateTime::fromMSecsSinceEpoch(1767225600123, Qt::UTC);
    r.startedAt = r.queuedAt.addMSecs(250);
    r.finishedAt = r.startedAt.addMSecs(30001);
    r.durationMs = 30001;
    r.pid = 4711;
    r.stdinBytes = 12;
    r.stdoutBytes = 1 << 30;
    r.stderrBytes = 5;
    r.stdoutLines = 100000;
    r.stderrLines = 1;
    r.encoding = QStringLiteral("ISO-8859-1");
    r.cwd = QStringLiteral("/tmp/w d");
    r.error = QStringLiteral("went wrong");
    r.notes = QStringLiteral("2 leftover processes killed");
    r.peakRssKb = 2048;
    r.cpuSeconds = 1.23456;
    r.stdoutPath = QStringLiteral("/x/7.out");
    r.stderrPath = QStringLiteral("/x/7.err");
    r.executor = QStringLiteral("slurm");
    r.host = QStringLiteral("node-1");
    r.slurmJobId = QStringLiteral("1234");
    r.pausedMs = 1500;
    r.attempts = 2;
    r.id = QStringLiteral("build");
    r.after = {QStringLiteral("fetch"), QStringLiteral("x\xff")};
    r.afterSuccess = {QStringLiteral("configure")};
    r.signalled = EndSignals{30000, 30001};
    return r;
}

} // namespace

class TestJobRecordCbor : public QObject
{
    Q_OBJECT

private slots:
    void equalsTheExport_data();
    void equalsTheExport();
    void realJobsEqualTheExport();
    void aFrameIsAMessageOfTheRecords();
};

void TestJobRecordCbor::equalsTheExport_data()
{
    QTest::addColumn<JobRecord>("record");
    QTest::addColumn<bool>("truncated");
    QTest::newRow("every field") << everyField() << true;
    JobRecord queued; // never ran: nulls where the export has them
    queued.seq = 1;
    queued.command = QStringLiteral("true");
    queued.queuedAt = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);
    QTest::newRow("queued") << queued << false;
    JobRecord exited = everyField(); // whole seconds are integers in JSON
    exited.state = JobState::Failed;
    exited.exitCode = 3;
    exited.signal = 0;
    exited.timedOut = false;
    exited.durationMs = 3000;
    exited.cpuSeconds = 2.0;
    exited.pausedMs = 0;
    exited.executor = QStringLiteral("ssh");
    exited.slurmJobId.clear();
    exited.after.clear();
    exited.notes.clear();
    exited.signalled = {};
    QTest::newRow("exit code, ssh") << exited << false;
    JobRecord killed = exited;
    killed.exitCode = -1;
    killed.signal = SIGKILL;
    killed.state = JobState::Killed;
    killed.durationMs = 1;
    killed.cpuSeconds = 0.0004; // rounds to 0
    QTest::newRow("killed") << killed << false;
}

void TestJobRecordCbor::equalsTheExport()
{
    QFETCH(JobRecord, record);
    QFETCH(bool, truncated);
    const QCborMap expected = exported(record, truncated, !truncated);
    QVERIFY(expected.size() > 30);
    QCOMPARE(difference(written(record, truncated, !truncated), expected), QString());
}

// Jobs that really ran, through the overload the engine calls: exit code, signal, timeout,
// non-UTF-8 argv bytes, output past the tail kept in memory.
void TestJobRecordCbor::realJobsEqualTheExport()
{
    Scheduler scheduler;
    scheduler.setMaxParallel(4);
    QSignalSpy idle(&scheduler, &Scheduler::idle);
    JobSpec timedOut = testutil::shell(QStringLiteral("sleep 30"));
    timedOut.timeoutSeconds = 0.2;
    const QByteArray bytes("\xff\xfe-\xc3\xa9");
    scheduler.addBatch({testutil::shell(QStringLiteral("echo out; echo err >&2; exit 3")),
                        testutil::shell(QStringLiteral("kill -KILL $$")), timedOut,
                        testutil::argv(QStringLiteral("printf"), {rawbytes::fromBytes(bytes)}),
                        testutil::shell(QStringLiteral("head -c 40000000 /dev/zero")),
                        testutil::argv(QStringLiteral("procdeck-no-such-program"))});
    QVERIFY(idle.wait(kDeadlineMs));
    QCOMPARE(scheduler.count(), 6);
    QCOMPARE(scheduler.jobAt(0)->record().exitCode, 3);
    QCOMPARE(scheduler.jobAt(1)->record().signal, SIGKILL);
    QVERIFY(scheduler.jobAt(2)->record().timedOut);
    QVERIFY(!scheduler.jobAt(4)->stdoutLog().tailIsComplete());
    for (int i = 0; i < scheduler.count(); ++i) {
        const Job &job = *scheduler.jobAt(i);
        QByteArray cbor;
        QCborStreamWriter w(&cbor);
        jobrecordcbor::write(w, job);
        const QCborMap expected = QCborMap::fromJsonObject(
                runlog::toJson(ExportEntry::recordOf(job)));
        QCOMPARE(difference(QCborValue::fromCbor(cbor).toMap(), expected), QString());
    }
}

void TestJobRecordCbor::aFrameIsAMessageOfTheRecords()
{
    RecordFrame frame(protocol::type::changed);
    QCborArray expected;
    for (int i = 0; i < 3; ++i) {
        JobRecord r = everyField();
        r.seq = i + 1;
        frame.add(r, false, i == 1);
        expected << exported(r, false, i == 1);
    }
    QCOMPARE(frame.count(), 3);
    FrameReader reader;
    reader.feed(frame.finish());
    QCborMap message;
    QString error;
    QCOMPARE(reader.next(&message, &error), FrameReader::Result::Message);
    QCOMPARE(protocol::typeOf(message), protocol::type::changed);
    QCOMPARE(message.size(), 2);
    const QCborArray jobs = message.value(QStringLiteral("jobs")).toArray();
    QCOMPARE(jobs.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(difference(jobs.at(i).toMap(), expected.at(i).toMap()), QString());
}

QTEST_GUILESS_MAIN(TestJobRecordCbor)
#include "tst_jobrecordcbor.moc"
