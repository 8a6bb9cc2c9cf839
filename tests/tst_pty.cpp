// Terminal mode (--pty): the job's stdout and stderr are a pseudo-terminal, its controlling one;
// its stdin is not (nobody types there): /dev/null or the input given. Everything else —
// capture, timeouts, kill, exports — works as without one.

#include "clitest.h"
#include "testutil.h"

#include "core/process/job.h"
#include "core/process/jobstart.h"
#include "core/output/outputlog.h"
#include "core/process/proctable.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace procdeck;

namespace {

constexpr int kDeadlineMs = 30000;

JobSpec inTerminal(JobSpec spec)
{
    spec.pty = true;
    return spec;
}

/// Runs `spec` to its end and returns the job (for its output and state).
std::unique_ptr<Job> runToEnd(const JobSpec &spec)
{
    auto job = std::make_unique<Job>(1, spec, QString());
    QSignalSpy ended(job.get(), &Job::ended);
    if (JobStart::run(*job) != Job::StartResult::Started)
        return job;
    if (job->state() == JobState::Running)
        ended.wait(kDeadlineMs);
    return job;
}

const char *kIsattyScript = "import os, sys; print(sys.stdin.isatty(), sys.stdout.isatty(), sys.stderr.isatty(), "
                            "os.environ.get('TERM'))";

} // namespace

class TestPty : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("LC_ALL", "C"); }

    void outputIsATerminal()
    {
        const auto job = runToEnd(inTerminal(testutil::argv(QStringLiteral("python3"),
                                                            {QStringLiteral("-c"), QLatin1String(kIsattyScript)})));
        QCOMPARE(job->state(), JobState::Finished);
        QCOMPARE(job->stdoutText(), QStringLiteral("False True True xterm-256color\n"));
        QCOMPARE(job->stderrLog().totalBytes(), 0);
    }

    void withoutPtyNothingChanges()
    {
        const auto job = runToEnd(testutil::argv(QStringLiteral("python3"), {QStringLiteral("-c"), QLatin1String(kIsattyScript)}));
        QCOMPARE(job->state(), JobState::Finished);
        QVERIFY2(job->stdoutText().startsWith(QLatin1String("False False False ")), qPrintable(job->stdoutText()));
    }

    void windowSizeAndOwnTerm()
    {
        // The terminal is the controlling one: /dev/tty (stdin is not the terminal).
        JobSpec spec = inTerminal(testutil::shell(QStringLiteral("stty size < /dev/tty; echo $TERM")));
        const auto job = runToEnd(spec);
        QCOMPARE(job->stdoutText(), QStringLiteral("40 120\nxterm-256color\n"));

        spec.environment << QStringLiteral("TERM=vt100"); // a TERM the person set wins
        QCOMPARE(runToEnd(spec)->stdoutText(), QStringLiteral("40 120\nvt100\n"));
    }

    void stderrMergesIntoStdout()
    {
        const auto job = runToEnd(inTerminal(testutil::shell(QStringLiteral("echo out; echo err >&2; exit 3"))));
        QCOMPARE(job->state(), JobState::Failed);
        QCOMPARE(job->exitCode(), 3);
        QCOMPARE(job->stdoutText(), QStringLiteral("out\nerr\n"));
        QCOMPARE(job->stderrLog().totalBytes(), 0);
    }

    void outputArrivesAtOnce()
    {
        // Python buffers a pipe's output until it exits, a terminal's line by line.
        JobSpec spec = inTerminal(testutil::argv(QStringLiteral("python3"),
                                                 {QStringLiteral("-c"), QStringLiteral("import time; print(1); time.sleep(300)")}));
        Job job(1, spec, QString());
        QCOMPARE(JobStart::run(job), Job::StartResult::Started);
        QTRY_COMPARE_WITH_TIMEOUT(job.stdoutText(), QStringLiteral("1\n"), kDeadlineMs);
        QCOMPARE(job.state(), JobState::Running);
        QSignalSpy ended(&job, &Job::ended);
        job.kill();
        QVERIFY(ended.wait(kDeadlineMs));
        QCOMPARE(job.state(), JobState::Killed);
        QCOMPARE(job.stdoutText(), QStringLiteral("1\n"));
    }

    void noInputMeansEndOfFileAtOnce()
    {
        // Like a job without a terminal (stdin /dev/null): a reader sees EOF, it does not hang.
        const auto job = runToEnd(inTerminal(testutil::shell(QStringLiteral("cat; echo after"))));
        QCOMPARE(job->state(), JobState::Finished);
        QCOMPARE(job->stdoutText(), QStringLiteral("after\n"));
    }

    void everyReadOfStdinSeesEndOfFile()
    {
        // The terminal itself, read through /dev/tty in its own modes, gives end-of-file too.
        JobSpec spec = inTerminal(testutil::shell(
            QStringLiteral("read a; read b; cat; read c < /dev/tty; cat < /dev/tty; test -t 1 && echo done")));
        spec.timeoutSeconds = 20; // a read that waits would end it as timed out
        const auto job = runToEnd(spec);
        QCOMPARE(job->state(), JobState::Finished);
        QCOMPARE(job->stdoutText(), QStringLiteral("done\n"));
    }

    void modesTheJobSetsKeepStdinAtEndOfFile_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("output");
        // stty acts on stdin, /dev/null here: it says so, as it would under cron. The terminal's
        // modes are still the job's to set, through the controlling terminal.
        const QString notATerminal = QStringLiteral("stty: 'standard input': Inappropriate ioctl for device\n");
        QTest::newRow("stty sane; read x") << QStringLiteral("stty sane; read x") << 1 << notATerminal;
        QTest::newRow("stty raw; cat") << QStringLiteral("stty raw; cat") << 0 << notATerminal;
        QTest::newRow("stty -F /dev/tty raw; cat") << QStringLiteral("stty -F /dev/tty raw; cat; stty -F /dev/tty -a | grep -o -- -icanon")
                                                   << 0 << QStringLiteral("-icanon\n");
    }

    void modesTheJobSetsKeepStdinAtEndOfFile()
    {
        // Issue 23: a job's own modes on its stdin (canonical again, or raw: a raw read of a
        // terminal has no end-of-file) made its reads wait for ever for keys nobody types.
        QFETCH(QString, command);
        QFETCH(int, exitCode);
        QFETCH(QString, output);
        JobSpec spec = inTerminal(testutil::shell(command));
        spec.timeoutSeconds = 20; // a read that waits would end it as timed out
        const auto job = runToEnd(spec);
        QCOMPARE(job->state(), exitCode == 0 ? JobState::Finished : JobState::Failed);
        QCOMPARE(job->exitCode(), exitCode);
        QCOMPARE(job->stdoutText(), output);
    }

    void programsAtTheTerminalEnd_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("output");
        QTest::addColumn<bool>("whole"); ///< the whole output, else its start
        const QString notATerminal =
                QStringLiteral("stty: 'standard input': Inappropriate ioctl for device\n");
        QTest::newRow("stty -echo; read x") << QStringLiteral("stty -echo; read x") << 1
                                            << notATerminal << true;
        QTest::newRow("python3 reads stdin")
                << QStringLiteral("python3 -c 'import sys; print(repr(sys.stdin.read()))'") << 0
                << QStringLiteral("''\n") << true;
        QTest::newRow("tput") << QStringLiteral("tput cols; tput lines; tput colors") << 0
                              << QStringLiteral("120\n40\n256\n") << true;
        QTest::newRow("ls --color=auto")
                << QStringLiteral("LS_COLORS='di=01;34' ls --color=auto -d /") << 0
                << QStringLiteral("\x1b[0m\x1b[01;34m/\x1b[0m\n") << true;
        QTest::newRow("top -b -n1") << QStringLiteral("top -b -n1") << 0
                                    << QStringLiteral("top - ") << false;
        // No one pages through a terminal job's output: pagers are cat, unless the job says.
        QTest::newRow("pagers") << QStringLiteral("echo $PAGER $GIT_PAGER $MANPAGER") << 0
                                << QStringLiteral("cat cat cat\n") << true;
        QTest::newRow("PAGER given") << QStringLiteral("PAGER=more; echo $PAGER $GIT_PAGER") << 0
                                     << QStringLiteral("more cat\n") << true;
    }

    void programsAtTheTerminalEnd()
    {
        // What runs in a terminal runs here, each to its own end and status (none waits for keys).
        QFETCH(QString, command);
        QFETCH(int, exitCode);
        QFETCH(QString, output);
        QFETCH(bool, whole);
        JobSpec spec = inTerminal(testutil::shell(command));
        spec.timeoutSeconds = 20; // a read that waits would end it as timed out
        const auto job = runToEnd(spec);
        QCOMPARE(job->state(), exitCode == 0 ? JobState::Finished : JobState::Failed);
        QCOMPARE(job->exitCode(), exitCode);
        if (whole)
            QCOMPARE(job->stdoutText(), output);
        else
            QVERIFY2(job->stdoutText().startsWith(output), qPrintable(job->stdoutText()));
    }

    void gitLogLongerThanTheTerminalEnds()
    {
        // git pages what is longer than the terminal (40 rows) through `less`, which reads its
        // keys from the terminal in raw mode: the job showed one screen and waited (timed out
        // at 20 s). With GIT_PAGER cat it ends with all 45 lines.
        QTemporaryDir dir;
        JobSpec spec = inTerminal(testutil::shell(QStringLiteral(
                "git init -q . && for i in $(seq 45); do printf 'commit refs/heads/x\\ncommitter "
                "t <t@t> 0 +0000\\ndata <<E\\nc%s\\nE\\n\\n' $i; done | git fast-import "
                "--quiet && git log --format=%s x")));
        spec.workingDirectory = dir.path();
        spec.environment << QStringLiteral("GIT_CONFIG_NOSYSTEM=1")
                         << QStringLiteral("GIT_CONFIG_GLOBAL=/dev/null");
        spec.timeoutSeconds = 20;
        const auto job = runToEnd(spec);
        QStringList expected;
        for (int i = 45; i >= 1; --i)
            expected << QStringLiteral("c%1\n").arg(i);
        QCOMPARE(job->state(), JobState::Finished);
        QCOMPARE(job->stdoutText(), expected.join(QString()));
    }

    void aPagerByNameWaitsForItsTimeout()
    {
        // The one limit: a program that reads keys from the terminal itself (less reopens the
        // terminal stderr is on; vi, more) reads it in raw mode, where Linux has no end-of-file
        // but a hang-up, which would end the job's output too. Its timeout ends it.
        JobSpec spec = inTerminal(testutil::shell(QStringLiteral("echo hi | less")));
        spec.timeoutSeconds = 1;
        spec.graceSeconds = 1;
        const auto job = runToEnd(spec);
        QCOMPARE(job->state(), JobState::TimedOut);
        QVERIFY2(job->stdoutText().contains(QLatin1String("(END)")), qPrintable(job->stdoutText()));
    }

    void readOffTheJobsThread()
    {
        // A flooding terminal job is read on OutputPump's thread, as pipes are: the job's thread
        // (the window's) reads and decodes nothing of it. Here that thread runs no event loop
        // while the job writes 2 MB, far more than a terminal holds: the job can only end if
        // someone else reads (read where the job lives, it blocked until the loop ran again).
        Job job(1, inTerminal(testutil::shell(QStringLiteral("head -c 2000000 /dev/zero"))), QString());
        QCOMPARE(JobStart::run(job), Job::StartResult::Started);
        const pid_t pid = pid_t(job.pid());
        QVERIFY(pid > 0);
        const auto exited = [pid] {
            proctable::ProcessInfo info;
            return !proctable::readProcess(pid, &info) || !info.alive();
        };
        QDeadlineTimer deadline(kDeadlineMs);
        while (!exited() && !deadline.hasExpired())
            QThread::msleep(20); // polling without an event loop is the point of this test
        QVERIFY2(exited(), "the job stayed blocked on its terminal while its thread was busy");
        QSignalSpy ended(&job, &Job::ended);
        QVERIFY(ended.wait(kDeadlineMs));
        QCOMPARE(job.state(), JobState::Finished);
        QCOMPARE(job.stdoutLog().totalBytes(), qint64(2000000));
    }

    void givenInputComesThroughAPipe()
    {
        JobSpec spec = inTerminal(testutil::argv(
            QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.stdin.isatty(), sys.stdout.isatty(), len(sys.stdin.read()))")}));
        spec.standardInput = QByteArray(200000, 'x'); // more than a terminal's line could hold
        const auto job = runToEnd(spec);
        QCOMPARE(job->stdoutText(), QStringLiteral("False True 200000\n"));
    }

    void everyByteIsKept()
    {
        // The leader exits with a full terminal buffer behind it: nothing of it may be lost.
        const auto job = runToEnd(inTerminal(testutil::shell(QStringLiteral("head -c 3000000 /dev/zero | tr '\\0' a; echo"))));
        QCOMPARE(job->state(), JobState::Finished);
        QCOMPARE(job->stdoutLog().totalBytes(), qint64(3000001));
        QCOMPARE(job->stdoutLog().lineCount(), qint64(1));
    }

    void timeoutEndsTheWholeTree()
    {
        JobSpec spec = inTerminal(testutil::shell(QStringLiteral("sleep 3171 & sleep 3172; wait")));
        spec.timeoutSeconds = 0.5;
        spec.graceSeconds = 0.5;
        const auto job = runToEnd(spec);
        QCOMPARE(job->state(), JobState::TimedOut);
        QTRY_VERIFY_WITH_TIMEOUT(testutil::ownProcessesNamed("sleep 3171").isEmpty(), kDeadlineMs);
        QVERIFY(testutil::ownProcessesNamed("sleep 3172").isEmpty());
    }

    void cliPrintsTrueForIsatty()
    {
        const clitest::Result r = clitest::runCli({QStringLiteral("--pty"), QStringLiteral("--"), QStringLiteral("python3"),
                                                   QStringLiteral("-c"), QStringLiteral("import sys; print(sys.stdout.isatty())")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("True\n"));
        const clitest::Result piped = clitest::runCli({QStringLiteral("--"), QStringLiteral("python3"),
                                                       QStringLiteral("-c"), QStringLiteral("import sys; print(sys.stdout.isatty())")});
        QCOMPARE(piped.out, QByteArray("False\n"));
    }

    void cliTerminalJobsThatSetModesEnd()
    {
        // The reproductions, through procdeck-cli: exit status as the shell gives.
        const QStringList head{QStringLiteral("--no-history"), QStringLiteral("--timeout"), QStringLiteral("20"),
                               QStringLiteral("--pty"), QStringLiteral("--shell")};
        const clitest::Result sane = clitest::runCli(head + QStringList{QStringLiteral("stty sane; read x")});
        QCOMPARE(sane.exitCode, 1);
        QVERIFY2(!sane.err.contains("imed out"), sane.err.constData());
        const clitest::Result raw = clitest::runCli(head + QStringList{QStringLiteral("stty raw; cat")});
        QCOMPARE(raw.exitCode, 0);
        QCOMPARE(raw.out, QByteArray("stty: 'standard input': Inappropriate ioctl for device\n"));
        // GNU parallel's form takes the same terminal.
        const clitest::Result parallel = clitest::runCli(
                {QStringLiteral("--no-history"), QStringLiteral("--timeout"), QStringLiteral("20"),
                 QStringLiteral("--pty"),
                 QStringLiteral("stty raw; cat; tput cols; echo {} $PAGER"), QStringLiteral(":::"),
                 QStringLiteral("a")});
        QCOMPARE(parallel.exitCode, 0);
        QCOMPARE(parallel.out, QByteArray("stty: 'standard input': Inappropriate ioctl for device\n"
                                          "120\na cat\n"));
    }

    void cliExportKeepsColours()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a-folder")));
        const QString withPty = dir.filePath(QStringLiteral("pty.jsonl"));
        const QString withoutPty = dir.filePath(QStringLiteral("pipe.jsonl"));
        for (const QString &exportPath : {withPty, withoutPty}) {
            QStringList args{QStringLiteral("--quiet"), QStringLiteral("--env"), QStringLiteral("LS_COLORS=di=01;34"),
                             QStringLiteral("--export"), exportPath};
            if (exportPath == withPty)
                args << QStringLiteral("--pty");
            args << QStringLiteral("--") << QStringLiteral("ls") << QStringLiteral("--color=auto") << dir.filePath(QStringLiteral("a-folder/.."));
            QCOMPARE(clitest::runCli(args).exitCode, 0);
        }
        const QList<QJsonObject> pty = clitest::readJsonLines(withPty);
        const QList<QJsonObject> pipe = clitest::readJsonLines(withoutPty);
        QCOMPARE(pty.size(), 1);
        QCOMPARE(pipe.size(), 1);
        QVERIFY2(pty[0][QLatin1String("stdout")].toString().contains(QLatin1String("\x1b[01;34ma-folder\x1b[0m")),
                 qPrintable(pty[0][QLatin1String("stdout")].toString()));
        QVERIFY(pipe[0][QLatin1String("stdout")].toString().contains(QLatin1String("a-folder")));
        QVERIFY(!pipe[0][QLatin1String("stdout")].toString().contains(QLatin1Char('\x1b')));
    }
};

QTEST_GUILESS_MAIN(TestPty)
#include "tst_pty.moc"
