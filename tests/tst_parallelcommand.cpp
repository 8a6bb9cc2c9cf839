// The parser of GNU parallel's command line on its own: quoting, replacement strings, how sources
// combine, options and their messages. tst_parallelcompat compares whole runs with parallel.
#include "core/parallel/parallelcommand.h"
#include "core/parallel/parallelinput.h"
#include "core/parallel/paralleloptions.h"
#include "core/parallel/paralleltemplate.h"
#include "core/types/rawbytes.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QTest>
#include <QThread>

#include <climits>

using namespace procdeck;
using namespace procdeck::parallel;

namespace {

/// parse() over `args` with `input` as standard input; *error empty when it succeeded.
ParallelCommand parsed(const QStringList &args, QString *error, const QByteArray &input = QByteArray())
{
    QByteArray bytes = input;
    QBuffer in(&bytes);
    in.open(QIODevice::ReadOnly);
    ParallelCommand command;
    error->clear();
    if (!parallelcommand::parse(args, &in, &command, error) && error->isEmpty())
        *error = QStringLiteral("failed without a message");
    return command;
}

QStringList commands(const RunRequest &request)
{
    QStringList lines;
    for (const JobSpec &spec : request.jobs)
        lines << spec.shellCommand;
    return lines;
}

} // namespace

class TestParallelCommand : public QObject
{
    Q_OBJECT

private slots:
    void readsBundledOptions();
    void readsJobCounts();
    void readsDurations();
    void recognisesTheForm_data();
    void recognisesTheForm();
    void optionsAloneReadCommandsFromInput();
    void buildsShellJobs();
    void readsStandardInput();
    void refusesWhatItDoesNotDo_data();
    void refusesWhatItDoesNotDo();
    void takesProcDeckOptionsAlong();
    void passesFrontEndOptionsBack();
    void printsDryRunAndShellQuote();
};

void TestParallelCommand::readsBundledOptions()
{
    QList<Option> options;
    qsizetype end = 0;
    bool doubleDash = false;
    QString error;
    QVERIFY(readOptions({"-kj2", "--tagstring=<{}>", "-n", "3", "echo", "-k"}, false, &options, &end, &doubleDash, &error));
    QCOMPARE(end, 4);
    QVERIFY(!doubleDash);
    QCOMPARE(options.size(), 4);
    QCOMPARE(options.at(0).id, OptionId::KeepOrder);
    QCOMPARE(options.at(1).id, OptionId::Jobs);
    QCOMPARE(options.at(1).value, QStringLiteral("2"));
    QCOMPARE(options.at(2).value, QStringLiteral("<{}>"));
    QCOMPARE(options.at(3).value, QStringLiteral("3"));

    options.clear();
    QVERIFY(readOptions({"-k", "--", "-x"}, false, &options, &end, &doubleDash, &error));
    QCOMPARE(end, 2);
    QVERIFY(doubleDash);

    QVERIFY(!readOptions({"--frobnicate", "echo"}, false, &options, &end, &doubleDash, &error));
    QCOMPARE(error, QStringLiteral("unknown option '--frobnicate'"));
    QVERIFY(!readOptions({"-j"}, false, &options, &end, &doubleDash, &error));
    QCOMPARE(error, QStringLiteral("-j needs a value"));
    options.clear();
    QVERIFY(readOptions({"-k", "--frobnicate", "echo"}, true, &options, &end, &doubleDash, &error));
    QCOMPARE(end, 1);
}

void TestParallelCommand::readsJobCounts()
{
    const int cpus = QThread::idealThreadCount();
    int jobs = 0;
    QString error;
    QVERIFY(readJobs(QStringLiteral("3"), &jobs, &error));
    QCOMPARE(jobs, 3);
    QVERIFY(readJobs(QStringLiteral("0"), &jobs, &error));
    QCOMPARE(jobs, INT_MAX);
    QVERIFY(readJobs(QStringLiteral("+2"), &jobs, &error));
    QCOMPARE(jobs, cpus + 2);
    QVERIFY(readJobs(QStringLiteral("150%"), &jobs, &error));
    QCOMPARE(jobs, (cpus * 3 + 1) / 2);
    QVERIFY(readJobs(QStringLiteral("1%"), &jobs, &error)); // rounded up, as parallel does
    QCOMPARE(jobs, 1);
    QVERIFY(!readJobs(QStringLiteral("-%1").arg(cpus), &jobs, &error));
    QVERIFY2(error.contains(QStringLiteral("no job")), qPrintable(error));
    QVERIFY(!readJobs(QStringLiteral("abc"), &jobs, &error));
    QCOMPARE(error, QStringLiteral("-j: expected N, N%, +N, -N or 0, not 'abc'"));
}

void TestParallelCommand::readsDurations()
{
    double s = 0;
    QVERIFY(readDuration(QStringLiteral("1m30s"), &s));
    QCOMPARE(s, 90.0);
    QVERIFY(readDuration(QStringLiteral("0.5"), &s));
    QCOMPARE(s, 0.5);
    QVERIFY(readDuration(QStringLiteral("2h"), &s));
    QCOMPARE(s, 7200.0);
    QVERIFY(!readDuration(QStringLiteral("soon"), &s));
    QVERIFY(!readDuration(QString(), &s));
    QCOMPARE(unquotePrintf(QStringLiteral("a\\tb\\n\\0\\101")), QStringLiteral("a\tb\n") + QChar(0) + QStringLiteral("A"));
}

void TestParallelCommand::recognisesTheForm_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("parallel");
    QTest::newRow("values") << QStringList{"echo", ":::", "a"} << true;
    QTest::newRow("values, options first") << QStringList{"-j", "2", "--tag", "echo", "::::", "f"} << true;
    QTest::newRow("a command, stdin") << QStringList{"-k", "gzip"} << true;
    QTest::newRow("no command, values") << QStringList{":::", "echo a"} << true;
    QTest::newRow("unknown option but :::") << QStringList{"--ungroup", "echo", ":::", "a"} << true;
    QTest::newRow("-- program") << QStringList{"--quiet", "--", "ls", "-l"} << false;
    QTest::newRow("-- program holding :::") << QStringList{"--", "echo", ":::"} << false;
    QTest::newRow("parallel's options, then --") << QStringList{"-k", "--dry-run", "--", "echo", ":::", "a"} << true;
    QTest::newRow("ProcDeck's options, then --") << QStringList{"-j", "2", "--timeout", "1", "--", "echo", ":::"} << false;
    QTest::newRow("--shell") << QStringList{"--shell", "echo hi", "--timeout", "2"} << false;
    QTest::newRow("--template") << QStringList{"--template", "sleep {}", "--range", "1..3"} << false;
    QTest::newRow("--history --limit") << QStringList{"--history", "--limit", "5"} << false;
    QTest::newRow("--help") << QStringList{"--help"} << false;
    QTest::newRow("nothing") << QStringList{} << false;
}

void TestParallelCommand::recognisesTheForm()
{
    QFETCH(QStringList, args);
    QFETCH(bool, parallel);
    QCOMPARE(parallelcommand::isParallelForm(args), parallel);
}

void TestParallelCommand::optionsAloneReadCommandsFromInput()
{
    // Issue 27.1: with no command, parallel runs each input line; a terminal gives none, so there
    // ProcDeck's own form says what is missing.
    for (const bool piped : {true, false}) {
        QCOMPARE(parallelcommand::isParallelForm({"-j4", "-k"}, piped), piped);
        QCOMPARE(parallelcommand::isParallelForm({}, piped), piped);
        QVERIFY(parallelcommand::isParallelForm({"-k", "-a", "cmds"}, piped));
        QVERIFY(!parallelcommand::isParallelForm({"--shell", "echo hi"}, piped));
        QVERIFY(!parallelcommand::isParallelForm({"-j", "2", "--template", "echo {}"}, piped));
        QVERIFY(!parallelcommand::isParallelForm({"--help"}, piped));
        QVERIFY(!parallelcommand::isParallelForm({"--version"}, piped));
        QVERIFY(!parallelcommand::isParallelForm({"--history", "--limit", "5"}, piped));
    }
    QBuffer input;
    input.setData("echo a\nexit 3\n");
    QVERIFY(input.open(QIODevice::ReadOnly));
    ParallelCommand c;
    QString error;
    QVERIFY2(parallelcommand::parse({"-k"}, &input, &c, &error), qPrintable(error));
    QCOMPARE(c.request.jobs.size(), 2);
    QCOMPARE(c.request.jobs.at(0).shellCommand, QStringLiteral("echo a"));
    QCOMPARE(c.request.jobs.at(1).shellCommand, QStringLiteral("exit 3"));
}

void TestParallelCommand::buildsShellJobs()
{
    QString error;
    const ParallelCommand c = parsed({"-k", "-j", "3", "--delay", "1m", "--timeout", "2.5", "--joblog", "j.log",
                                      "echo", ":::", "a", "b c"}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!c.printOnly);
    QCOMPARE(commands(c.request), (QStringList{"echo a", "echo 'b c'"}));
    QVERIFY(c.request.jobs.at(0).useShell);
    QCOMPARE(c.request.jobs.at(1).timeoutSeconds, 2.5);
    QVERIFY(c.request.jobs.at(1).environment.contains(QStringLiteral("PARALLEL_SEQ=2")));
    QVERIFY(c.request.keepOrder);
    QVERIFY(c.request.isBatch);
    QVERIFY(c.request.tags.isEmpty());
    QCOMPARE(c.request.maxParallel, 3);
    QCOMPARE(c.request.startDelaySeconds, 60.0);
    QCOMPARE(c.request.jobLogPath, QStringLiteral("j.log"));

    const ParallelCommand tagged = parsed({"--tag", "-n", "2", "echo", ":::", "a", "b c", "d"}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(commands(tagged.request), (QStringList{"echo a 'b c'", "echo d"}));
    QCOMPARE(tagged.request.tags, (QStringList{"a b c", "d"}));
}

void TestParallelCommand::readsStandardInput()
{
    QString error;
    const ParallelCommand c = parsed({"-0", "echo"}, &error, QByteArray("a b\0c\0", 6));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(commands(c.request), (QStringList{"echo 'a b'", "echo c"}));

    const ParallelCommand columns = parsed({"--colsep", ",", "echo", "{2}"}, &error, " x , y \nz\n");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(commands(columns.request), (QStringList{"echo y", "echo "}));

    // No standard input to read (a window started from a terminal): said, not waited on.
    ParallelCommand none;
    QVERIFY(!parallelcommand::parse({"echo"}, nullptr, &none, &error));
    QVERIFY2(error.contains(QStringLiteral("standard input")), qPrintable(error));
}

void TestParallelCommand::refusesWhatItDoesNotDo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("perl expression with --pipe") << QStringList{"--pipe", "echo", "{= s/a/b/ =}"}
                                                 << "perl expressions {= … =} (and --plus, --rpl) are not supported with --pipe";
    QTest::newRow("perl syntax error") << QStringList{"echo", "{= $_ .= =}", ":::", "a"}
                                       << "the perl expression {=$_ .= =} cannot be used: syntax error at (eval 1) line 1, at EOF";
    QTest::newRow("perl ends") << QStringList{"echo", "{= exit 3 =}", ":::", "a"}
                               << "the perl expression {=exit 3 =}: perl ended (exit status 3)";
    QTest::newRow("--round-robin") << QStringList{"--round-robin", "wc", "-l"}
                                   << "--round-robin goes with --pipe or --pipepart";
    QTest::newRow("--tee -j") << QStringList{"-j2", "--pipe", "--tee", "cat", ":::", "a", "b", "c"}
                              << "--tee requires --jobs to be higher. Try --jobs 0.";
    QTest::newRow("--halt bad") << QStringList{"--halt", "later,fail=1", "echo", ":::", "a"}
                                << "--halt: expected never, now|soon,fail|success|done=N or =P%, or 0, 1, 2, -1, -2, P%; not 'later,fail=1'";
    QTest::newRow("-p") << QStringList{"-p", "echo", ":::", "a"} << "GNU parallel's -p is not supported by ProcDeck's parallel form";
    QTest::newRow("refused, its value glued") << QStringList{"-k", "--term-seq=TERM", "echo", ":::", "a"}
                                              << "GNU parallel's --term-seq is not supported by ProcDeck's parallel form";
    QTest::newRow("--template") << QStringList{"--template", "x {}", "echo", ":::", "a"}
                                << "--template cannot be combined with parallel's command line (COMMAND ::: VALUES): they are two ways to give the jobs; use one";
    QTest::newRow("--timeout %") << QStringList{"--timeout", "200%", "echo", ":::", "a"}
                                 << "--timeout 200%: a percentage of the median run time is not supported; give seconds";
    QTest::newRow("--trim") << QStringList{"--trim", "x", "echo", ":::", "a"} << "--trim must be one of: n l r lr rl, not 'x'";
    QTest::newRow("-n -1") << QStringList{"-n", "-1", "echo", ":::", "a"} << "-n: expected a whole number from 0, not '-1'";
    QTest::newRow("-s 0") << QStringList{"-s", "0", "echo", ":::", "a"} << "-s: expected a length from 1, not '0'";
    QTest::newRow("missing file") << QStringList{"echo", "::::", "/no/such/file"}
                                  << "cannot read the input file '/no/such/file': No such file or directory";
}

void TestParallelCommand::refusesWhatItDoesNotDo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QString error;
    parsed(args, &error);
    QCOMPARE(error, message);
}

void TestParallelCommand::takesProcDeckOptionsAlong()
{
    QString error;
    const ParallelCommand c = parsed({"--encoding", "CP949", "--grace", "5", "--env", "K=V", "--env", "PATH",
                                      "--export", "run.csv", "echo", ":::", "a"}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(c.request.jobs.size(), 1);
    const JobSpec &spec = c.request.jobs.first();
    QCOMPARE(spec.encoding, QStringLiteral("CP949"));
    QCOMPARE(spec.graceSeconds, 5.0);
    // GNU parallel's variables after the person's: the login here (":"), the slot (given as
    // the job starts), this program's pid, the job's number.
    const QString pid = QString::number(QCoreApplication::applicationPid());
    QCOMPARE(spec.environment, (QStringList{"K=V", "PARALLEL_SSHLOGIN=:", "PARALLEL_SSHHOST=:",
                                            "PARALLEL_JOBSLOT=", "PARALLEL_PID=" + pid,
                                            "PARALLEL_SEQ=1"}));
    QCOMPARE(c.request.exportPath, QStringLiteral("run.csv"));
    QCOMPARE(c.request.exportFormat, runlog::Format::Csv);

    parsed({"--encoding", "klingon", "echo", ":::", "a"}, &error);
    QCOMPARE(error, QStringLiteral("--encoding: unknown encoding: 'klingon'"));
}

void TestParallelCommand::passesFrontEndOptionsBack()
{
    QString error;
    const ParallelCommand c = parsed({"--no-history", "--resume-failed", "--joblog", "j", "echo", ":::", "a"}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(c.frontEndArgs, (QStringList{"--no-history", "--resume-failed"}));
}

void TestParallelCommand::printsDryRunAndShellQuote()
{
    QString error;
    const ParallelCommand dry = parsed({"--dry-run", "--tag", "echo", ":::", "a", "it's"}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(dry.printOnly);
    QCOMPARE(dry.output, QByteArray("a\techo a\nit's\techo 'it'\"'\"'s'\n"));

    const ParallelCommand quoted = parsed({"--shellquote", "echo", ":::", "a b"}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(quoted.output, QByteArray("'echo '\"'\"'a b'\"'\"\n"));
}

QTEST_GUILESS_MAIN(TestParallelCommand)
#include "tst_parallelcommand.moc"
