#include "core/export/runlog.h"
#include "core/types/isotime.h"
#include "core/export/runlogwriter.h"
#include "core/scheduling/scheduler.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "runlogtest.h"
#include "testutil.h"

using namespace procdeck;
using namespace runlogtest;

namespace {
constexpr int kDeadlineMs = 30000;

/// RFC 4180 reader, for reading our CSV back as a spreadsheet would.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}
} // namespace

class TestRunLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void formatFromPath_data();
    void formatFromPath();
    void jsonLinesFieldByField();
    void csvReadsBackFieldByField();
    void jobLogIsGnuParallels();
    void textReportPutsFailuresFirst();
    void htmlReportIsSelfContained();
    void failedWriteLeavesTheOldFile();
    void csvCarriesEveryJsonLinesField();
    void csvCellIsCappedWithANote();
    void jobLogWritesMinusOneForKilledJobs_data();
    void jobLogWritesMinusOneForKilledJobs();
    void reportsDoNotMakeABatchOfSingleJobs();
    void streamWriterWritesRowsInJobOrder();

private:
    QList<ExportEntry> m_entries;
    QTemporaryDir m_dir;
    std::unique_ptr<Scheduler> m_scheduler;
};

void TestRunLog::initTestCase()
{
    m_scheduler = std::make_unique<Scheduler>();
    m_scheduler->setMaxParallel(4);
    QSignalSpy idle(m_scheduler.get(), &Scheduler::idle);
    JobSpec withInput = testutil::shell(QStringLiteral("cat; printf 'a,b \"q\"\\nsecond line\\n'"));
    withInput.standardInput = "in\n";
    m_scheduler->addBatch({withInput, testutil::shell(QStringLiteral("echo 안녕 >&2; exit 4")),
                           testutil::argv(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("kill -TERM $$")}),
                           testutil::argv(QStringLiteral("procdeck-no-such-program"))});
    QVERIFY(idle.wait(kDeadlineMs));
    for (int i = 0; i < m_scheduler->count(); ++i)
        m_entries << ExportEntry::fromJob(*m_scheduler->jobAt(i));
}

void TestRunLog::formatFromPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format");
    QTest::newRow("jsonl") << "a/run.jsonl" << int(runlog::Format::JsonLines);
    QTest::newRow("csv") << "run.CSV" << int(runlog::Format::Csv);
    QTest::newRow("joblog") << "jl.joblog" << int(runlog::Format::JobLog);
    QTest::newRow("txt") << "r.txt" << int(runlog::Format::Text);
    QTest::newRow("html") << "r.html" << int(runlog::Format::Html);
}

void TestRunLog::formatFromPath()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    runlog::Format f{};
    QVERIFY(runlog::formatForPath(path, &f));
    QCOMPARE(int(f), format);
    QVERIFY(!runlog::formatForPath(QStringLiteral("jl"), &f));
}

void TestRunLog::jsonLinesFieldByField()
{
    const QList<QByteArray> lines = runlog::renderJsonLines(m_entries).split('\n');
    QCOMPARE(lines.size(), m_entries.size() + 1); // and a final newline
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const JobRecord &r = m_entries[i].record;
        const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
        QCOMPARE(o.value("seq").toInt(), r.seq);
        QCOMPARE(o.value("command").toString(), r.command);
        QCOMPARE(o.value("state").toString(), stateKey(r.state));
        QCOMPARE(o.value("exit_code").isNull(), r.exitCode < 0);
        QCOMPARE(o.value("signal_number").toInt(), r.signal);
        QCOMPARE(o.value("duration_s").toDouble(), r.durationMs / 1000.0);
        QCOMPARE(o.value("stdout_bytes").toInteger(), r.stdoutBytes);
        QCOMPARE(o.value("stderr").toString(), m_entries[i].stderrText);
        QCOMPARE(o.value("started").toString(), isotime::format(r.startedAt));
    }
}

void TestRunLog::csvReadsBackFieldByField()
{
    const QList<QStringList> rows = parseCsv(runlog::renderCsv(m_entries));
    QCOMPARE(rows.size(), m_entries.size() + 1);
    const QStringList header = rows.first();
    QCOMPARE(header.first(), QStringLiteral("seq"));
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), header.size());
    auto field = [&](int row, const char *name) { return rows[row + 1][header.indexOf(QLatin1String(name))]; };
    for (int i = 0; i < m_entries.size(); ++i) {
        const JobRecord &r = m_entries[i].record;
        QCOMPARE(field(i, "seq").toInt(), r.seq);
        QCOMPARE(field(i, "command"), r.command);
        QCOMPARE(field(i, "state"), stateKey(r.state));
        QCOMPARE(field(i, "duration_s"), QString::number(r.durationMs / 1000.0, 'f', 3));
        QCOMPARE(field(i, "stdout"), m_entries[i].stdoutText);
        QCOMPARE(field(i, "stderr"), m_entries[i].stderrText);
        QCOMPARE(field(i, "stdout_bytes").toLongLong(), r.stdoutBytes);
    }
    QCOMPARE(field(0, "stdout"), QStringLiteral("in\na,b \"q\"\nsecond line\n")); // quotes, commas, newlines
    QCOMPARE(field(1, "stderr"), QStringLiteral("안녕\n"));                      // UTF-8
    QCOMPARE(field(2, "signal"), QStringLiteral("SIGTERM"));
}

void TestRunLog::jobLogIsGnuParallels()
{
    const QString path = m_dir.filePath(QStringLiteral("jl"));
    QString error;
    QVERIFY2(runlog::write(path, runlog::Format::JobLog, m_entries, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readLine(), QByteArray("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n"));
    QList<runlog::JobLogRow> rows;
    QVERIFY2(runlog::readJobLog(path, &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), m_entries.size());
    for (int i = 0; i < rows.size(); ++i) {
        const JobRecord &r = m_entries[i].record;
        QCOMPARE(rows[i].seq, r.seq);
        QCOMPARE(rows[i].command, r.command);
        QCOMPARE(rows[i].receive, r.stdoutBytes);
        QCOMPARE(rows[i].send, r.stdinBytes);
        QCOMPARE(rows[i].runtime, QString::number(r.durationMs / 1000.0, 'f', 3).toDouble());
        if (r.startedAt.isValid())
            QCOMPARE(qint64(qRound64(rows[i].startTime * 1000)), r.startedAt.toMSecsSinceEpoch());
    }
    QCOMPARE(rows[0].send, qint64(3));
    QVERIFY(rows[0].succeeded());
    QCOMPARE(rows[1].exitValue, 4);
    QCOMPARE(rows[2].signal, 15);
    QCOMPARE(rows[2].exitValue, 0);
    QCOMPARE(rows[3].exitValue, 127); // could not be run, as the shell would say
}

void TestRunLog::textReportPutsFailuresFirst()
{
    const QString text = QString::fromUtf8(runlog::renderTextReport(m_entries));
    QVERIFY(text.contains(QLatin1String("Batch 1: 4 jobs (1 succeeded, 3 failed)")));
    QVERIFY(text.contains(QStringLiteral("speed-up ×")));
    QVERIFY(text.indexOf(QLatin1String("#2  ")) < text.indexOf(QLatin1String("#1  "))); // failed before finished
    QVERIFY(text.contains(QLatin1String("      | second line")));
    QVERIFY(text.contains(QLatin1String("error: cannot run 'procdeck-no-such-program'")));
}

void TestRunLog::htmlReportIsSelfContained()
{
    const QString html = QString::fromUtf8(runlog::renderHtmlReport(m_entries));
    QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
    QVERIFY(html.trimmed().endsWith(QLatin1String("</html>")));
    QVERIFY(!html.contains(QLatin1String("<script")));
    QVERIFY(!html.contains(QLatin1String("src=")) && !html.contains(QLatin1String("href=")));
    QVERIFY(html.contains(QLatin1String("a,b &quot;q&quot;")));       // escaped
    QVERIFY(html.indexOf(QLatin1String("exit 4")) < html.indexOf(QLatin1String("cat; printf")));
}

void TestRunLog::failedWriteLeavesTheOldFile()
{
    const QString path = m_dir.filePath(QStringLiteral("kept.jsonl"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old\n");
    old.close();
    QString error;
    QVERIFY(!runlog::write(m_dir.filePath(QStringLiteral("no/such/dir/run.jsonl")), runlog::Format::JsonLines, m_entries, &error));
    QVERIFY2(error.contains(QLatin1String("no/such/dir")), qPrintable(error));
    QVERIFY(runlog::write(path, runlog::Format::JsonLines, m_entries, &error));
    QVERIFY(old.open(QIODevice::ReadOnly));
    QVERIFY(old.readAll().startsWith("{"));
}

void TestRunLog::csvCarriesEveryJsonLinesField()
{
    const QList<QStringList> rows = parseCsv(runlog::renderCsv(m_entries));
    const QStringList header = rows.first();
    // The original columns stay where they were; the JSON Lines fields they lacked follow.
    QCOMPARE(header.mid(0, 24),
             QStringList({"seq", "command", "label", "batch", "state", "exit_code", "signal", "timed_out", "started",
                          "finished", "duration_s", "pid", "stdout_bytes", "stderr_bytes", "stdout_lines",
                          "stderr_lines", "peak_rss_kb", "cpu_s", "encoding", "cwd", "error", "notes", "stdout", "stderr"}));
    const QJsonObject o = QJsonDocument::fromJson(runlog::jsonLine(m_entries[0])).object();
    for (const QString &key : o.keys())
        QVERIFY2(header.contains(key), qPrintable(key));
    QCOMPARE(rows[1][header.indexOf(QStringLiteral("stdin_bytes"))], QStringLiteral("3"));
    QCOMPARE(rows[1][header.indexOf(QStringLiteral("stdout_truncated"))], QStringLiteral("false"));
}

void TestRunLog::csvCellIsCappedWithANote()
{
    ExportEntry e = singleJob(1, 0, 5);
    e.stdoutText = QString(200000, QLatin1Char('a')) + QStringLiteral("END");
    const QList<QStringList> rows = parseCsv(runlog::csvHeader() + runlog::csvRow(e));
    const QStringList &header = rows[0];
    const QString cell = rows[1][header.indexOf(QStringLiteral("stdout"))];
    QCOMPARE(cell.size(), runlog::kCsvCellLimit);
    QVERIFY(cell.endsWith(QLatin1String("END"))); // the last characters are kept
    QCOMPARE(rows[1][header.indexOf(QStringLiteral("stdout_truncated"))], QStringLiteral("true"));
    QCOMPARE(rows[1][header.indexOf(QStringLiteral("notes"))], QStringLiteral("stdout cut to the last 131072 characters in this CSV"));
}

void TestRunLog::jobLogWritesMinusOneForKilledJobs_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("signal");
    QTest::addColumn<QByteArray>("fields"); // Exitval and Signal, as GNU parallel writes them
    QTest::newRow("timed out, shell exited 0") << int(JobState::TimedOut) << 0 << 0 << QByteArray("-1\t0");
    QTest::newRow("timed out by SIGTERM") << int(JobState::TimedOut) << -1 << 15 << QByteArray("-1\t15");
    QTest::newRow("killed") << int(JobState::Killed) << 0 << 0 << QByteArray("-1\t0");
    QTest::newRow("crashed on its own") << int(JobState::Crashed) << -1 << 9 << QByteArray("0\t9");
    QTest::newRow("failed") << int(JobState::Failed) << 3 << 0 << QByteArray("3\t0");
}

void TestRunLog::jobLogWritesMinusOneForKilledJobs()
{
    QFETCH(int, state);
    QFETCH(int, exitCode);
    QFETCH(int, signal);
    QFETCH(QByteArray, fields);
    ExportEntry e = singleJob(7, 0, 5);
    e.record.state = JobState(state);
    e.record.exitCode = exitCode;
    e.record.signal = signal;
    const QList<QByteArray> f = runlog::jobLogRow(e).split('\t');
    QCOMPARE(f.size(), 9);
    QCOMPARE(f[6] + '\t' + f[7], fields);
}

void TestRunLog::reportsDoNotMakeABatchOfSingleJobs()
{
    // Two jobs added one by one, an hour apart, one never sampled for memory.
    QList<ExportEntry> entries{singleJob(1, 0, 100), singleJob(2, 3600000, 100)};
    entries[1].record.peakRssKb = 2048;
    const QString text = QString::fromUtf8(runlog::renderTextReport(entries));
    QVERIFY2(text.contains(QStringLiteral("Single jobs: 2 jobs (2 succeeded, 0 failed) · 0.200 s of work\n")), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("speed-up")));
    QVERIFY(text.contains(QStringLiteral("stdout 4 bytes / 1 line · stderr 0 bytes / 0 lines · peak RSS not measured")));
    QVERIFY(text.contains(QLatin1String("peak RSS 2048 KiB")));
    QVERIFY(!text.contains(QLatin1String("1 lines")));
    const QString html = QString::fromUtf8(runlog::renderHtmlReport(entries));
    QVERIFY(!html.contains(QStringLiteral("×")));
    QVERIFY(html.contains(QLatin1String("not measured")));
    QVERIFY(html.contains(QLatin1String("1 line<")));
}

void TestRunLog::streamWriterWritesRowsInJobOrder()
{
    const QString path = m_dir.filePath(QStringLiteral("stream.jsonl"));
    QString error;
    auto writer = runlog::StreamWriter::open(path, runlog::Format::JsonLines,
                                             runlog::StreamWriter::Start::Anew, {}, &error);
    QVERIFY2(writer, qPrintable(error));
    writer->add(2, singleJob(3, 0, 1));
    writer->add(0, singleJob(1, 0, 1)); // job 1 ends after job 3: rows still in job order
    QVERIFY(!QFile::exists(path)); // in place only when complete
    writer->add(1, singleJob(2, 0, 1));
    QVERIFY2(writer->finish(&error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 4);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(QJsonDocument::fromJson(lines[i]).object().value("seq").toInt(), i + 1);
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral(".stream.jsonl*")}, QDir::Hidden | QDir::Files), QStringList());
}

QTEST_GUILESS_MAIN(TestRunLog)
#include "tst_runlog.moc"
