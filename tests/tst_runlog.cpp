#include "core/runlog.h"
#include "core/runlogwriter.h"
#include "core/scheduler.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "testutil.h"

using namespace procdeck;

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
    void jsonLineEscapesAndReplacesLoneSurrogates();
    void jsonEscapingFromBytesIsExact();
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
        QCOMPARE(o.value("started").toString(), runlog::isoTime(r.startedAt));
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

namespace {
ExportEntry singleJob(int seq, qint64 startMs, qint64 durationMs)
{
    ExportEntry e;
    e.record.seq = seq;
    e.record.command = QStringLiteral("job %1").arg(seq);
    e.record.state = JobState::Finished;
    e.record.exitCode = 0;
    e.record.startedAt = QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC);
    e.record.finishedAt = e.record.startedAt.addMSecs(durationMs);
    e.record.durationMs = durationMs;
    e.record.stdoutBytes = 4;
    e.record.stdoutLines = 1;
    e.stdoutText = QStringLiteral("one\n");
    return e;
}
} // namespace

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

void TestRunLog::jsonLineEscapesAndReplacesLoneSurrogates()
{
    ExportEntry e = singleJob(1, 0, 5);
    e.stdoutText = QStringLiteral("a\0\"\\\x01\n") + QChar(0xDCE9) + QString::fromUtf8("😀") + QChar(0xD800);
    const QByteArray line = runlog::jsonLine(e);
    QVERIFY(line.endsWith("}\n"));
    QVERIFY(line.contains(R"("stdout":"a\u0000\"\\\u0001\n)" "\xEF\xBF\xBD\xF0\x9F\x98\x80\xEF\xBF\xBD\""));
    QVERIFY(line.contains(R"("peak_rss_kb":null)")); // never sampled: not measured, not 0
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QCOMPARE(o.value("stdout").toString(), QStringLiteral("a\0\"\\\x01\n\uFFFD") + QString::fromUtf8("😀") + QStringLiteral("\uFFFD"));
    QCOMPARE(runlog::toJson(e), o); // the history's --json writes the same fields
}

namespace {
/// The slow, obvious reading of appendJsonEscapedUtf8's contract, to check the fast one against.
QByteArray referenceEscape(const QByteArray &in)
{
    QByteArray out;
    const auto at = [&](qsizetype i) { return i < in.size() ? uchar(in[i]) : 0; };
    const auto cont = [&](qsizetype i, int low = 0x80, int high = 0xbf) { return i < in.size() && at(i) >= low && at(i) <= high; };
    for (qsizetype i = 0; i < in.size();) {
        const uchar c = at(i);
        int n = 0;
        if (c >= 0xc2 && c <= 0xdf)
            n = cont(i + 1) ? 2 : 0;
        else if (c >= 0xe0 && c <= 0xef)
            n = cont(i + 1, c == 0xe0 ? 0xa0 : 0x80, c == 0xed ? 0x9f : 0xbf) && cont(i + 2) ? 3 : 0;
        else if (c >= 0xf0 && c <= 0xf4)
            n = cont(i + 1, c == 0xf0 ? 0x90 : 0x80, c == 0xf4 ? 0x8f : 0xbf) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        if (n) {
            out += in.mid(i, n);
            i += n;
            continue;
        }
        if (c >= 0x80)
            out += "\xEF\xBF\xBD";
        else if (c == '"' || c == '\\')
            out += '\\' + QByteArray(1, char(c));
        else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f')
            out += c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b" : "\\f";
        else if (c < 0x20)
            out += "\\u00" + QByteArray::number(c, 16).rightJustified(2, '0');
        else
            out += char(c);
        ++i;
    }
    return out;
}
} // namespace

void TestRunLog::jsonEscapingFromBytesIsExact()
{
    // Every boundary of table 3-7, at the end of the buffer too (where fewer than 8 bytes remain).
    QList<QByteArray> cases = {"", "plain", "\xC2\x80", "\xC1\xBF", "\xDF\xBF", "\xE0\x9F\x80", "\xE0\xA0\x80",
                               "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xF0\x8F\x80\x80",
                               "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                               "\xE2\x82", "\xF0\x9F\x98", "a\xF0\x9F\x98\x80" "b", QByteArray("\0\x1f\x7f\"\\", 5)};
    for (const QByteArray &c : QList<QByteArray>(cases))
        cases << QByteArray(11, 'x') + c << c + QByteArray(11, 'y'); // the same inside the fast loop
    QRandomGenerator random(17);
    for (int i = 0; i < 200; ++i) {
        QByteArray bytes(random.bounded(64), Qt::Uninitialized);
        for (char &b : bytes)
            b = char(random.bounded(256));
        cases << bytes;
    }
    QByteArray big(1 << 20, Qt::Uninitialized);
    for (char &b : big)
        b = char(random.bounded(256));
    cases << big;
    // Text-like input, where the fast path copies 16 plain bytes at once: plain runs broken by
    // escapes, sequences (some cut short) and stray bytes at every offset, blocks' ends included.
    const QList<QByteArray> pieces = {"plain text, ", "\n", "\"", "\\", "\x01", "\xEA\xB0\x80", "\xF0\x9F\x98\x80",
                                      "\xE2\x82", "\xFF", "0123456789abcdef", "\xC3\xA9"};
    for (int n = 0; n < 20; ++n) {
        QByteArray text;
        while (text.size() < 3000 + n * 37)
            text += pieces[random.bounded(int(pieces.size()))];
        cases << text << QString::fromUtf8("안녕하세요, 세계! ").repeated(200 + n).toUtf8();
    }
    for (const QByteArray &c : std::as_const(cases)) {
        QByteArray fast;
        runlog::appendJsonEscapedUtf8(&fast, c.constData(), c.size());
        QCOMPARE(fast, referenceEscape(c));
    }
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
    auto writer = runlog::StreamWriter::open(path, runlog::Format::JsonLines, false, {}, &error);
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
