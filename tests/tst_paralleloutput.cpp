// GNU parallel's ways of giving the output (issue 27.4: --line-buffer, -u), each case run through
// parallel itself and through procdeck-cli: the same standard output byte for byte, the same
// exit status, standard error too where its order is fixed.
//
// The live cases need output to be printed while a job still runs: the jobs wait for one
// another's lines in the output file itself ($OUT), so that a tool that held a line back would
// never end them (each wait gives up after a minute, and the bytes then differ).
#include "paralleltest.h"

#include <QDirIterator>

#include <algorithm>
#include <QMap>
#include <QRegularExpression>

using paralleltest::Bench;
using paralleltest::Outcome;

namespace {

// Waits until $OUT holds $1 (a partial last line counts), or until the file $1 exists.
const char kWaitLine[] = "n=0; until grep -q \"$1\" \"$OUT\" || [ $n -ge 6000 ]; do\n"
                         "  sleep 0.01; n=$((n+1)); done\n";
const char kWaitFile[] = "n=0; until [ -e \"$1\" ] || [ $n -ge 6000 ]; do\n"
                         "  sleep 0.01; n=$((n+1)); done\n";

} // namespace

class TestParallelOutput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void liveAsParallel_data();
    void liveAsParallel();
    void filesAsParallel_data();
    void filesAsParallel();

private:
    /// `program` with `args`, its stdout into the file `out` (named to the jobs as $OUT).
    Outcome runInto(const QString &program, const QStringList &args, const QString &out);
    /// `program` with `args` in the folder `name` of its own (made), $TMPDIR in it.
    Outcome runIn(const QString &program, const QStringList &args, const QByteArray &input,
                  const QString &name);

    Bench m_bench;
};

void TestParallelOutput::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    QVERIFY(m_bench.write(QStringLiteral("waitline.sh"), kWaitLine));
    QVERIFY(m_bench.write(QStringLiteral("waitfile.sh"), kWaitFile));
}

void TestParallelOutput::sameAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("sameStderr");
    const auto row = [](const char *name, const QStringList &args, const QByteArray &input = {},
                        bool sameStderr = false) {
        QTest::newRow(name) << args << input << sameStderr;
    };
    // Values with a space, a byte that is not UTF-8, and output with no final newline.
    const QStringList odd{":::", "1", "a b", "\xe9t\xe9", ""};
    const QString job = QStringLiteral("echo {}; echo e{} >&2; printf 'no newline {}'");
    row("--lb -k --tag", QStringList{"--lb", "-k", "--tag", job} + odd, {}, true);
    row("--line-buffer -k --tagstring", QStringList{"--line-buffer", "-k", "--tagstring",
                                                    "<{}>", job} + odd, {}, true);
    row("--lb -j1", QStringList{"--lb", "-j1", job} + odd, {}, true);
    row("--lb -k -v", QStringList{"--lb", "-k", "-v", job} + odd, {}, true);
    row("--lb -k exit status", {"--lb", "-k", "echo {}; exit {}", ":::", "0", "3", "0", "2"});
    row("--lb -k much output", {"--lb", "-k", "seq {}", ":::", "100000", "3", "70000"});
    row("-u -j1", QStringList{"-u", "-j1", job} + odd, {}, true);
    row("-u -j1 --tag prints no tags", QStringList{"-u", "-j1", "--tag", job} + odd, {}, true);
    row("--ungroup -j1 -k much output", {"--ungroup", "-j1", "-k", "seq {}", ":::", "100000",
                                         "3"});
    row("--compress -k", QStringList{"--compress", "-k", "--tag", job} + odd, {}, true);
    row("--compress --lb -k much output", {"--compress", "--lb", "-k", "seq {}", ":::", "50000",
                                           "3"});
    row("-u --lb refused", {"-u", "--lb", "echo", ":::", "a"});
    row("--lb from stdin", {"--lb", "-k", "--tag", "printf", "'%s\\n%s'"}, "x y\n\xe9\nz\n");
}

void TestParallelOutput::sameAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(bool, sameStderr);
    paralleltest::compareWithParallel(m_bench, args, input, sameStderr);
}

void TestParallelOutput::liveAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    // a's second line waits for b's line, which waits for a's first: printed live, or never.
    QTest::newRow("--lb a line as it comes")
            << QStringList{"--lb", "-j2", "case {} in a) echo a1; sh waitline.sh b1; echo a2;; "
                                          "b) sh waitline.sh a1; echo b1;; esac",
                           ":::", "a", "b"}
            << QByteArray("a1\nb1\na2\n");
    // -k: the first job is live; b's line, printed as b ends, waits for a's end.
    QTest::newRow("--lb -k the first job live")
            << QStringList{"--lb", "-k", "-j2",
                           "case {} in a) echo a1; sh waitfile.sh \"$OUT.b\"; echo a2;; "
                           "b) sh waitline.sh a1; echo b1; touch \"$OUT.b\";; esac",
                           ":::", "a", "b"}
            << QByteArray("a1\na2\nb1\n");
    // Half a line, then b's two lines: the half is printed only with the rest of its line.
    QTest::newRow("--lb --tag half a line is not split")
            << QStringList{"--lb", "--tag", "-j2",
                           "case {} in a) printf half; sh waitline.sh b2; echo -rest;; "
                           "b) echo b1; echo b2;; esac",
                           ":::", "a", "b"}
            << QByteArray("b\tb1\nb\tb2\na\thalf-rest\n");
    // -u: bytes as they come, half a line too (b lets a go on once its line is out).
    QTest::newRow("-u bytes as they come")
            << QStringList{"-u", "-j2",
                           "case {} in a) printf a-half; sh waitfile.sh \"$OUT.b\"; echo -rest;; "
                           "b) sh waitline.sh a-half; echo b1; sh waitline.sh b1; "
                           "touch \"$OUT.b\";; esac",
                           ":::", "a", "b"}
            << QByteArray("a-halfb1\n-rest\n");
}

Outcome TestParallelOutput::runInto(const QString &program, const QStringList &args,
                                    const QString &out)
{
    QProcess p;
    QProcessEnvironment env = m_bench.environment();
    env.insert(QStringLiteral("OUT"), out);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_bench.path(QString()));
    p.setStandardOutputFile(out);
    p.start(program, args);
    p.closeWriteChannel();
    Outcome o = Bench::finish(&p);
    QFile f(out);
    if (f.open(QIODevice::ReadOnly))
        o.out = f.readAll();
    return o;
}

void TestParallelOutput::liveAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    static int run = 0;
    ++run;
    // One after the other: each tool's jobs wait on their own file.
    const Outcome parallel
            = runInto(m_bench.parallel(), args, m_bench.path(QStringLiteral("p%1").arg(run)));
    const Outcome procdeck = runInto(QStringLiteral(PROCDECK_CLI_PATH), args,
                                     m_bench.path(QStringLiteral("d%1").arg(run)));
    QCOMPARE(parallel.out, expected); // what this case asks of the tools holds for parallel
    QCOMPARE(parallel.exitCode, 0);
    if (procdeck.out != expected)
        qWarning().noquote() << "procdeck-cli's stderr:" << procdeck.err;
    QCOMPARE(procdeck.out, expected);
    QCOMPARE(procdeck.exitCode, 0);
}

namespace {

/// A --results table's rows with their Starttime and JobRuntime (which differ every run) out.
QByteArray withoutTimes(QByteArray bytes)
{
    static const QRegularExpression times(
            QStringLiteral(R"(^(\d+)([,\t]):\2[0-9.]+\2[0-9.]+)"),
            QRegularExpression::MultilineOption);
    return QString::fromLatin1(bytes).replace(times, QStringLiteral("\\1 T T")).toLatin1();
}

/// Every file under `root`: its path from there, then its bytes.
QMap<QString, QByteArray> tree(const QString &root)
{
    QMap<QString, QByteArray> files;
    QList<QByteArray> parFiles; // --files' random names: only what they hold is compared
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        const QByteArray bytes
                = withoutTimes(f.open(QIODevice::ReadOnly) ? f.readAll() : "(unreadable)");
        const QString name = QDir(root).relativeFilePath(path);
        if (name.startsWith(QLatin1String("tmp/par")) && name.endsWith(QLatin1String(".par")))
            parFiles << bytes;
        else
            files.insert(name, bytes);
    }
    std::sort(parFiles.begin(), parFiles.end());
    for (qsizetype i = 0; i < parFiles.size(); ++i)
        files.insert(QStringLiteral("tmp/par?????.par #%1").arg(i), parFiles.at(i));
    return files;
}

/// --files' output with each file's name (the text after the last TAB, or the line) turned
/// into the file's bytes: the names are random, what they hold is not.
QByteArray namesToBytes(const QByteArray &out)
{
    QByteArray result;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype tab = line.lastIndexOf('\t');
        QFile f(QString::fromLocal8Bit(line.mid(tab + 1)));
        result += line.left(tab + 1) + '[' + (f.open(QIODevice::ReadOnly) ? f.readAll() : line)
                + "]\n";
    }
    return result;
}

} // namespace

void TestParallelOutput::filesAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    // ("" and "." would share a folder, and which job wrote it last is not fixed.)
    const QStringList odd{":::", "a", "b c", "x/y", "", "..", "a\\b", "t\tb"};
    const QString job = QStringLiteral("echo {}; echo e{} >&2; printf 'no newline'");
    QTest::newRow("--results tree") << QStringList{"--results", "r", job} + odd << QByteArray();
    QTest::newRow("--results from stdin, not UTF-8")
            << QStringList{"--results", "r", job} << QByteArray("\xe9t\xe9\na/b\n\\\n");
    QTest::newRow("--results two sources")
            << QStringList{"--res", "out/r", job, ":::", "a", "b", ":::", "c/d", ""}
            << QByteArray();
    QTest::newRow("--results --header : names the tree's folders, sorted by them")
            << QStringList{"--results", "r", "--header", ":", "echo {b} {a}", ":::", "b", "1", "2",
                           ":::", "a", "x", "y/z"} << QByteArray();
    QTest::newRow("--results --header : --colsep")
            << QStringList{"--results", "r", "--header", ":", "--colsep", ",", "echo {a}"}
            << QByteArray("a,10\nx,9\ny,z\n");
    QTest::newRow("--results -N2") << QStringList{"--results", "r", "-N2", "echo", ":::", "a",
                                                  "b", "c"} << QByteArray();
    QTest::newRow("--results a file per job")
            << QStringList{"--results", "my_{}", "-k", job, ":::", "foo", "bar", "b z"}
            << QByteArray();
    QTest::newRow("--results a folder per job")
            << QStringList{"--results", "d_{}/", job, ":::", "foo", "bar"} << QByteArray();
    QTest::newRow("--results exit status") << QStringList{"--results", "r", "exit {}", ":::",
                                                          "0", "3", "1"} << QByteArray();
    QTest::newRow("--results --files --tag")
            << QStringList{"--results", "r", "-k", "--files", "--tag", job, ":::", "1", "2",
                           ":::", "x"} << QByteArray();
    QTest::newRow("--results a .csv table")
            << QStringList{"-j1", "--results", "r.csv", "echo {}; echo e >&2; exit 2", ":::", "a",
                           "b,c", "q\"x", "x y", "t\tb", ""} << QByteArray();
    QTest::newRow("--results a .tsv table, two sources")
            << QStringList{"-j1", "--results", "r.TSV", "printf {1}{2}", ":::", "a", "b\tc",
                           ":::", "x", "y z"} << QByteArray();
    QTest::newRow("--results a .csv table, --header names its columns")
            << QStringList{"-j1", "--results", "r.csv", "--header", ":", "echo {b}", ":::", "a x",
                           "1", "2", ":::", "b", "3"} << QByteArray();
    QTest::newRow("--results --header 0: the file names a folder")
            << QStringList{"--results", "r", "--header", "0", "echo {-}", ":::", "X", "::::",
                           "-"} << QByteArray("a\nb c\n");
    QTest::newRow("--results --header 0: the table's columns stay V1, V2")
            << QStringList{"-j1", "--results", "r.csv", "--header", "0", "echo {-}", ":::", "X",
                           "::::", "-"} << QByteArray("a\nb c\n");
    QTest::newRow("--results -.csv on stdout")
            << QStringList{"-j1", "--results", "-.csv", "printf '%s\\n\\n' {}", "::::", "-"}
            << QByteArray("a\n\xe9\n\n");
    QTest::newRow("--files -k --tag")
            << QStringList{"--files", "-k", "--tag", job} + odd << QByteArray();
    QTest::newRow("--files -j1 empty output")
            << QStringList{"--files", "-j1", "true", ":::", "a", "b"} << QByteArray();
    // --tmpdir: TMPDIR for parallel and its jobs; the files go there.
    const QString tmpDir = m_bench.path(QStringLiteral("tmpdir"));
    QDir().mkpath(tmpDir);
    QTest::newRow("--files --tmpdir") << QStringList{"--files", "-k", "--tmpdir", tmpDir,
                                                     "echo $TMPDIR {}", ":::", "a", "b"}
                                      << QByteArray();
    QTest::newRow("--files --lb") << QStringList{"--output-as-files", "-k", "--lb", job, ":::",
                                                 "a", "b"} << QByteArray();
}

Outcome TestParallelOutput::runIn(const QString &program, const QStringList &args,
                                  const QByteArray &input, const QString &name)
{
    const QString dir = m_bench.path(name);
    QDir().mkpath(dir + QLatin1String("/tmp"));
    QProcess p;
    QProcessEnvironment env = m_bench.environment();
    env.insert(QStringLiteral("TMPDIR"), dir + QLatin1String("/tmp"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(dir);
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    return Bench::finish(&p);
}

void TestParallelOutput::filesAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    static int run = 0;
    ++run;
    const QString p = QStringLiteral("fp%1").arg(run);
    const QString d = QStringLiteral("fd%1").arg(run);
    const Outcome parallel = runIn(m_bench.parallel(), args, input, p);
    const Outcome procdeck = runIn(QStringLiteral(PROCDECK_CLI_PATH), args, input, d);
    QVERIFY2(parallel.exitCode >= 0, "parallel did not finish");
    const QByteArray printed
            = namesToBytes(withoutTimes(procdeck.out)).replace(d.toUtf8(), "DIR");
    const QByteArray wanted = namesToBytes(withoutTimes(parallel.out)).replace(p.toUtf8(), "DIR");
    if (printed != wanted)
        qWarning().noquote() << "procdeck-cli's stderr:" << procdeck.err;
    QCOMPARE(printed, wanted);
    QCOMPARE(procdeck.exitCode, parallel.exitCode);
    const QMap<QString, QByteArray> expected = tree(m_bench.path(p));
    const QMap<QString, QByteArray> actual = tree(m_bench.path(d));
    // rm, not QDir: a folder named by bytes that are not UTF-8 is one QDir cannot remove.
    for (const QString &dir : {p, d})
        QProcess::execute(QStringLiteral("rm"), {QStringLiteral("-rf"), m_bench.path(dir)});
    QCOMPARE(actual.keys(), expected.keys());
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestParallelOutput)
#include "tst_paralleloutput.moc"
