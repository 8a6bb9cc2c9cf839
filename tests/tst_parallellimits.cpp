// GNU parallel under a low `ulimit -n` (issue 27.7): each case run through parallel itself and
// through procdeck-cli, both under the same limit: the same standard output byte for byte and
// the same exit status; where parallel says it can run fewer jobs than -j, procdeck-cli says so
// too, in parallel's words, and no job of either fails for want of a descriptor.
#include "paralleltest.h"

using paralleltest::Bench;
using paralleltest::Outcome;

namespace {
/// `program ARGS…` under `ulimit -n limit` (soft and hard: the shell's ulimit sets both).
QStringList underLimit(int limit, const QString &program, const QStringList &args)
{
    return QStringList{QStringLiteral("-c"),
                       QStringLiteral("ulimit -n %1 && exec \"$0\" \"$@\"").arg(limit), program}
         + args;
}

QStringList numbers(int from, int to)
{
    QStringList values;
    for (int i = from; i <= to; ++i)
        values << QString::number(i);
    return values;
}
} // namespace

class TestParallelLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameUnderUlimit_data();
    void sameUnderUlimit();

private:
    Bench m_bench;
};

void TestParallelLimits::initTestCase()
{
#ifdef PROCDECK_SANITIZED
    QSKIP("ASan holds descriptors of its own: ulimit -n 28 is not the same limit under it");
#endif
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    QByteArray lines;
    for (int i = 1; i <= 20000; ++i) // --pipe's 10 KiB blocks: a dozen jobs
        lines += QByteArray::number(i) + '\n';
    QVERIFY(m_bench.write(QStringLiteral("lines.txt"), lines));
}

void TestParallelLimits::sameUnderUlimit_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("linesOnStdin");
    // Output on both streams (each job's two spill files open while it runs), exit statuses that
    // add up, a value that is a failure's.
    const QStringList jobs = QStringList{QStringLiteral("-k"),
                                         QStringLiteral("seq {} 3000; echo e{} >&2; "
                                                        "exit $(({} % 3))"),
                                         QStringLiteral(":::")}
                           + numbers(1, 30);
    for (int limit : {26, 30, 64}) { // 26: the lowest parallel runs at with -j 4
        for (int j : {4, 20}) {
            QTest::addRow("ulimit -n %d, -j %d", limit, j)
                    << limit << QStringList{QStringLiteral("-j%1").arg(j)} + jobs << false;
        }
    }
    // At 26 one job at a time fits with nothing to spare: this suite reads procdeck-cli's output
    // only once parallel has ended, and meanwhile its printer holds a finished job's files open
    // while standard output is full; the next start must wait for them, as parallel would.
    const QStringList four{"-k", "echo", ":::", "1", "2", "3", "4"};
    QTest::addRow("ulimit -n 26, -j 4, four echoes") << 26 << QStringList{"-j", "4"} + four
                                                     << false;
    // -j0: as many as there are jobs; parallel warns only when fewer than those fit.
    QTest::addRow("ulimit -n 64, -j0, four echoes") << 64 << QStringList{"-j0"} + four << false;
    QTest::addRow("ulimit -n 26, -j0, four echoes") << 26 << QStringList{"-j0"} + four << false;
    QTest::addRow("ulimit -n 64, -j 20, --tag")
            << 64 << QStringList{QStringLiteral("-j20"), QStringLiteral("--tag")} + jobs << false;
    QTest::addRow("ulimit -n 64, -j 20, --pipe")
            << 64 << QStringList{"-j20", "-k", "--pipe", "--block", "10k", "wc -l"} << true;
}

void TestParallelLimits::sameUnderUlimit()
{
    QFETCH(int, limit);
    QFETCH(QStringList, args);
    QFETCH(bool, linesOnStdin);
    QByteArray input;
    QFile lines(m_bench.path(QStringLiteral("lines.txt")));
    if (linesOnStdin)
        input = lines.open(QIODevice::ReadOnly) ? lines.readAll() : QByteArray();
    QProcess parallel;
    QProcess procdeck;
    const QString sh = QStringLiteral("/bin/sh");
    m_bench.start(&parallel, sh, underLimit(limit, m_bench.parallel(), args), input);
    m_bench.start(&procdeck, sh, underLimit(limit, QStringLiteral(PROCDECK_CLI_PATH), args), input);
    const Outcome expected = Bench::finish(&parallel);
    const Outcome actual = Bench::finish(&procdeck);
    QVERIFY2(expected.exitCode >= 0, "parallel did not finish");
    if (actual.out != expected.out)
        qWarning().noquote() << "procdeck-cli's stderr:" << actual.err.left(2000);
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.exitCode, expected.exitCode);
    QVERIFY2(!actual.err.contains("Too many open files"), actual.err.left(2000).constData());
    // Fewer jobs at once than -j: said as parallel says it (the number may differ: procdeck-cli
    // counts its own descriptors).
    const QByteArray fewer = "Warning: Only enough file handles to run ";
    QCOMPARE(actual.err.contains(fewer), expected.err.contains(fewer));
    QCOMPARE(actual.err.contains("Warning: Try running '"), expected.err.contains(fewer));
}

QTEST_GUILESS_MAIN(TestParallelLimits)
#include "tst_parallellimits.moc"
