// GNU parallel's --progress, --eta and --bar (issue 27.5): each case run through parallel
// 20221122 itself and through procdeck-cli. What depends on time (how many status lines, the
// seconds in them) is not compared; what does not is: standard output byte for byte, the
// heading, the shape of every status line, the order of the counts (done never goes down,
// done + left = all), and the last line, byte for byte where no time is in it (--bar).
#include "paralleltest.h"

#include <QRegularExpression>

using paralleltest::Bench;
using paralleltest::Outcome;

namespace {

/// What parallel's tput and stty calls print when there is no controlling terminal (as under
/// ctest): the shell's, not parallel's.
const QByteArray kNoTty = "sh: 1: cannot open /dev/tty: No such device or address\n";

const QByteArray kComputers = "\nComputers / CPU cores / Max jobs to run\n";
const QByteArray kHeader = "\nComputer:jobs running/jobs completed/%of started jobs/Average "
                           "seconds to complete\n";

/// A run's standard error taken apart: the heading, the status lines (each written after a
/// "\r"), and whether it ends with a newline.
struct Progress {
    QByteArray heading;
    QList<QByteArray> statuses;
    bool endsWithNewline = false;
    QByteArray whole; ///< as written
};

/// parallel may print a job's end before its heading (a job that ends while it starts the
/// others): the heading is found where it is, and the rest are the statuses.
Progress takeApart(QByteArray err)
{
    err.replace(kNoTty, QByteArray());
    Progress p;
    static const QRegularExpression heading(
            QStringLiteral("\nComputers / CPU cores / Max jobs to run\n1:local / \\d+ / \\d+\n"
                           "(\nComputer:jobs running[^\n]*\n)?"));
    const QRegularExpressionMatch m = heading.match(QString::fromUtf8(err));
    if (m.hasMatch()) {
        p.heading = m.captured().toUtf8();
        err.replace(p.heading, QByteArray());
    }
    p.endsWithNewline = err.endsWith('\n');
    if (p.endsWithNewline)
        err.chop(1);
    p.statuses = err.split('\r');
    return p;
}

} // namespace

class TestParallelProgress : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void progressAndEta_data();
    void progressAndEta();
    void bar_data();
    void bar();

private:
    /// Both programs on `args`: the same exit status and standard output, and their stderr.
    /// The row's args through both; false when they differed already.
    bool runBoth(Progress *want, Progress *got) const;
    Bench m_bench;
};

void TestParallelProgress::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
}

bool TestParallelProgress::runBoth(Progress *want, Progress *got) const
{
    QFETCH(QStringList, args);
    QProcess parallel;
    QProcess procdeck;
    m_bench.start(&parallel, m_bench.parallel(), args, QByteArray());
    m_bench.start(&procdeck, QStringLiteral(PROCDECK_CLI_PATH), args, QByteArray());
    const Outcome expected = Bench::finish(&parallel);
    const Outcome actual = Bench::finish(&procdeck);
    if (expected.exitCode < 0 || actual.exitCode != expected.exitCode
        || actual.out != expected.out) {
        qWarning() << "parallel:" << expected.exitCode << expected.out << expected.err;
        qWarning() << "procdeck-cli:" << actual.exitCode << actual.out << actual.err;
        return false;
    }
    *want = takeApart(expected.err);
    *got = takeApart(actual.err);
    got->whole = actual.err;
    // ProcDeck names a failed job on stderr, where parallel says nothing: not progress. And -j0
    // warns of the file descriptors first, where parallel does not: a difference of its own.
    if (expected.exitCode != 0)
        got->statuses.removeIf([](const QByteArray &s) { return s.contains("procdeck-cli: "); });
    if (got->statuses.value(0).startsWith("procdeck-cli: Warning: Only enough file handles"))
        got->statuses[0].clear();
    return true;
}

void TestParallelProgress::progressAndEta_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("eta");
    QTest::addColumn<int>("jobs");
    const QStringList sleeps = {"sleep 0.{}; echo {}", ":::", "3", "4", "5", "6"};
    QTest::newRow("--progress -j2") << QStringList{"--progress", "-k", "-j2"} + sleeps << false
                                    << 4;
    QTest::newRow("--progress -j0: as many as jobs")
            << QStringList{"--progress", "-k", "-j0"} + sleeps << false << 4;
    QTest::newRow("--eta -j1") << QStringList{"--eta", "-k", "-j1"} + sleeps << true << 4;
    QTest::newRow("--progress --eta") << QStringList{"--progress", "--eta", "-j3"} + sleeps
                                      << true << 4;
    QTest::newRow("--eta, a failure")
            << QStringList{"--eta", "-j2", "sleep 0.3; exit {}", ":::", "0", "1", "0"} << true
            << 3;
}

void TestParallelProgress::progressAndEta()
{
    QFETCH(bool, eta);
    Progress want, got;
    QVERIFY2(runBoth(&want, &got), "the exit status or standard output differs");
    QFETCH(int, jobs);
    QCOMPARE(got.heading, want.heading);
    QVERIFY2(got.whole.indexOf(got.heading) < got.whole.indexOf('\r'), "the heading first");
    QVERIFY(got.heading.startsWith(kComputers) && got.heading.endsWith(kHeader));
    QVERIFY(want.endsWithNewline && got.endsWithNewline);
    const QString etaPart = eta ? QStringLiteral(R"(ETA: (\d+)s Left: (\d+) AVG: \d+\.\d\ds  )")
                                : QString();
    const QRegularExpression shape(QStringLiteral("^%1local:(\\d+)/(\\d+)/(\\d+)%/\\d+\\.\\ds $")
                                           .arg(etaPart));
    for (const Progress &p : {want, got}) {
        QCOMPARE(p.statuses.value(0), QByteArray()); // what comes before the first "\r"
        int lastDone = 0;
        for (qsizetype i = 1; i < p.statuses.size(); ++i) {
            const QRegularExpressionMatch m = shape.match(QString::fromUtf8(p.statuses.at(i)));
            QVERIFY2(m.hasMatch(), p.statuses.at(i).constData());
            const int at = eta ? 2 : 0; // the host's fields come after ETA's two
            const int running = m.captured(at + 1).toInt();
            const int done = m.captured(at + 2).toInt();
            QVERIFY2(done >= lastDone && done <= jobs, p.statuses.at(i).constData());
            QVERIFY(running <= jobs - done);
            if (eta)
                QCOMPARE(m.captured(2).toInt(), jobs - done); // left
            lastDone = done;
        }
        // The last line: every job done, none running, nothing left, ETA 0.
        const QRegularExpressionMatch last = shape.match(QString::fromUtf8(p.statuses.last()));
        QCOMPARE(last.captured(eta ? 3 : 1), QStringLiteral("0"));
        QCOMPARE(last.captured(eta ? 4 : 2).toInt(), jobs);
        if (eta)
            QCOMPARE(last.captured(1) + last.captured(2), QStringLiteral("00"));
    }
}

void TestParallelProgress::bar_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("jobs");
    QTest::newRow("--bar -j1") << QStringList{"--bar", "-j1", "sleep 0.{}", ":::", "1", "2", "3"}
                               << 3;
    QTest::newRow("--bar --eta: the bar") << QStringList{"--bar", "--eta", "-j1", "-k",
                                                         "echo {}", ":::", "a", "b"}
                                          << 2;
    QTest::newRow("--bar, a value wider than the terminal")
            << QStringList{"--bar", "-j1", "true", ":::", "x", QString(120, QLatin1Char('y'))}
            << 2;
    QTest::newRow("--bar, three jobs of seven done: 42.8571428571429")
            << QStringList{"--bar", "-j1", "true {}", ":::", "1", "2", "3", "4", "5", "6", "é"}
            << 7;
}

void TestParallelProgress::bar()
{
    QFETCH(int, jobs);
    Progress want, got;
    QVERIFY2(runBoth(&want, &got), "the exit status or standard output differs");
    QCOMPARE(got.heading, QByteArray()); // --bar has none
    QCOMPARE(want.heading, QByteArray());
    // Each status is four parts after "\r": "", the zenity line, the percentage, the bar.
    QVERIFY(want.endsWithNewline && got.endsWithNewline);
    QCOMPARE(got.statuses.size() % 4, 1);
    QCOMPARE(want.statuses.size() % 4, 1);
    for (qsizetype i = 4; i < got.statuses.size(); i += 4) {
        QCOMPARE(got.statuses.at(i - 3), QByteArray()); // "\r\r"
        QCOMPARE(QString::fromUtf8(got.statuses.at(i - 2)).size(), 80); // no terminal: 80
        const QString bar = QString::fromUtf8(got.statuses.at(i));
        QVERIFY2(bar.startsWith(QLatin1String("\033[7m")) && bar.endsWith(QLatin1String("\033[0m")),
                 got.statuses.at(i).constData());
        QCOMPARE(bar.size(), 80 + 4 + 4 + 4); // the columns, the reverse, the two resets
        const int percent = got.statuses.at(i - 1).toDouble();
        QVERIFY2(bar.mid(4).startsWith(QString::number(percent) + QLatin1Char('%'))
                         || bar.mid(8).startsWith(QString::number(percent) + QLatin1Char('%')),
                 got.statuses.at(i).constData());
    }
    // The last status is all the same bytes: no time is left in it (ETA 0, 100 %).
    const auto tail = [](const Progress &p) { return p.statuses.mid(p.statuses.size() - 4); };
    QCOMPARE(tail(got), tail(want));
    QVERIFY(got.statuses.last().contains(QByteArray::number(jobs) + ":0=0s "));
}

QTEST_GUILESS_MAIN(TestParallelProgress)
#include "tst_parallelprogress.moc"
