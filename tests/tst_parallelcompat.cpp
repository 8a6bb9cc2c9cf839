// The promise of procdeck-cli's parallel form: for the same arguments, the same standard output,
// byte for byte, and the same exit status as GNU parallel itself. Each case runs both.
#include "clitest.h"
#include "paralleltest.h"

using paralleltest::kDeadlineMs;
using paralleltest::Outcome;

class TestParallelCompat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void slotsAsParallel_data();
    void slotsAsParallel();
    void jobLogPlusAppendsAsParallel();
    void jobLogCommandAsParallel();
    void windowRunsTheSameJobs();

private:
    void start(QProcess *p, const QString &program, const QStringList &args, const QByteArray &input,
               const QString &workingDirectory = QString()) const
    {
        m_bench.start(p, program, args, input, workingDirectory);
    }
    static Outcome finish(QProcess *p) { return paralleltest::Bench::finish(p); }
    void write(const QString &name, const QByteArray &bytes) const
    {
        QVERIFY(m_bench.write(name, bytes));
    }

    paralleltest::Bench m_bench;
    paralleltest::RowsAhead m_rows; ///< sameAsParallel's
    QString m_parallel;
    QProcessEnvironment m_env;
};

void TestParallelCompat::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    m_parallel = m_bench.parallel();
    m_env = m_bench.environment();
    write(QStringLiteral("lines.txt"), "1\n2\n3\n");
    write(QStringLiteral("cmds.txt"), "echo one\nexit 4\necho 'two  words'\n");
    write(QStringLiteral("words.txt"), "x\ny y"); // no newline at the end
    write(QStringLiteral("nul.bin"), QByteArray("first one\0second\nline\0", 23));
    write(QStringLiteral("bigval"), QByteArray(1000000, 'a') + '\n');
    write(QStringLiteral("paths.txt"), "dir.d/file.tar.gz\n/abs/x.y\n./a.b/\nno-dot\n.hidden\n");
}

void TestParallelCompat::sameAsParallel_data()
{
    QTest::addColumn<int>("index");
    const auto row = [this](const char *name, const QStringList &args,
                            const QByteArray &input = QByteArray()) {
        m_rows.add(name, args, input, false);
    };
    QStringList hundredAndFive;
    for (int i = 1; i <= 105; ++i)
        hundredAndFive << QString::number(i);

    // Values and quoting.
    row("plain values", {"-k", "echo", ":::", "a", "b", "c"});
    row("spaces", {"-k", "echo", ":::", "a b", " lead", "trail ", "two  spaces"});
    row("quotes", {"-k", "echo", ":::", "it's", "say \"hi\"", "'single'"});
    row("dollar, semicolon, backquote", {"-k", "echo", ":::", "$HOME", "a;b", "`id`", "$(id)", "a|b&c"});
    row("dry run quotes like parallel", {"--dry-run", "-k", "echo", ":::", "it's", "$HOME", "a;b", "a b", "", "-x", "a=b", "~", "ü"});
    row("glob characters stay literal", {"-k", "echo", ":::", "*", "?", "[a]"});
    row("unicode", {"-k", "echo", ":::", "héllo", "日本語"});
    row("bytes that are not UTF-8", {"--dry-run", "-k", "echo", "{.}", "{/}", "{//}"}, "caf\xe9.txt\n\xff/x.\xfe\nd\xe9j\xe0/vu\n");
    row("newline in a value splits it", {"-k", "echo", ":::", "a\nb", "c"});
    row("V={} is quoted", {"--dry-run", "-k", "V={}", "echo", ":::", "a b"});
    row("{} in quotes in the command", {"-k", "echo", "'{}'", ":::", "a b"});

    // Replacement strings.
    row("paths", {"-k", "echo", "{}", "{.}", "{/}", "{//}", "{/.}", ":::", "dir.d/file.tar.gz", "/abs/x.y",
                  "rel", "./a.b/", "../up.txt", ".hidden", "/"});
    row("paths from a file, dry run", {"--dry-run", "-k", "cp {} {//}/{/.}.bak", "::::", "paths.txt"});
    row("paths with spaces", {"-k", "echo", "{/}", "{//}", ":::", "my dir/my file.txt"});
    row("positional of two sources", {"-k", "echo", "{2}-{1}", ":::", "a", "b", ":::", "1", "2"});
    row("positional with suffixes", {"-k", "echo", "{1.}", "{2/}", "{2//}", "{1/.}", ":::", "x.tar", ":::", "d/e.f"});
    row("negative position", {"-k", "echo", "{-1}", "{-2}", ":::", "a", "b", ":::", "c", "d"});
    row("sequence and slot with -j1", {"-j1", "echo", "{#}", "{%}", "{}", ":::", "a", "b", "c"});
    row("values are the command", {"-k", ":::", "echo a", "echo b c"});
    row("{} as the command", {"-k", "{}", ":::", "echo x", "printf y\\n"});
    row("-I names the value", {"-k", "-I", "@@", "echo", "@@", "{}", "{1}", "{.}", "{1.}", ":::", "a.b", "c d"});
    row("-I {x}, positional too", {"-k", "-I", "{x}", "echo", "{x}", "{1x}", "{}", ":::", "a.b"});
    row("-I without it in the command", {"-k", "-I", "@@", "echo", "x", ":::", "a b"});
    row("-I with --tag", {"-k", "--tag", "-I", "@@", "echo", "@@", ":::", "a", "b c"});
    row("command in several words", {"-k", "echo", "-n", "[{}]", ";", "echo", ":::", "a"});

    // Sources.
    row("two sources", {"-k", "echo", ":::", "a", "b", ":::", "1", "2"});
    row("three sources", {"-k", "echo", ":::", "a", "b", ":::", "1", "2", ":::", "x", "y"});
    row("linked :::+", {"-k", "echo", ":::", "a", "b", "c", ":::+", "1", "2", "3"});
    row("linked, shortest wins, then a third", {"-k", "echo", ":::", "a", "b", "c", ":::+", "1", "2", ":::", "x", "y"});
    row("--link wraps", {"-k", "--link", "echo", ":::", "a", "b", "c", ":::", "1", "2"});
    row(":::: file", {"-k", "echo", "::::", "lines.txt"});
    row(":::: two files", {"-k", "echo", "::::", "lines.txt", "words.txt"});
    row("::::+ linked file", {"-k", "echo", "::::", "lines.txt", "::::+", "words.txt"});
    row("-a file", {"-k", "-a", "lines.txt", "echo", "n={}"});
    row("-a twice", {"-k", "-a", "lines.txt", "-a", "words.txt", "echo"});
    row("file then values", {"-k", "echo", "{1}{2}", "::::", "words.txt", ":::", "p", "q"});
    row("empty ::: among others", {"-k", "echo", ":::", "a", ":::"});
    row("a lone ::: at the end reads stdin", {"-k", "echo", ":::"}, "from stdin\n");
    row("stdin", {"-k", "echo", "got"}, "one\ntwo 2\n");
    row("stdin without last newline", {"-k", "echo"}, "one\ntwo");
    row("stdin and values", {"-k", "echo", "::::", "-", ":::", "z"}, "s1\ns2\n");
    row("stdin as -a -", {"-k", "-a", "-", "echo"}, "s1\ns2\n");
    row("stdin empty line is a value", {"-k", "echo", "x{}y"}, "a\n\nb\n");
    row("empty stdin runs nothing", {"-k", "echo", "x"}, "");
    row("-r skips blank lines", {"-r", "-k", "echo", "x"}, "a\n\n  \nb\n");

    // Delimiters and columns.
    row("NUL input", {"-0", "-k", "echo"}, QByteArray("a b\0c\nd\0", 8));
    row("NUL file", {"--null", "-k", "-a", "nul.bin", "echo", "[{}]"});
    row("-d comma on values", {"-d", ",", "-k", "echo", ":::", "a,b", "c"});
    row("-d colon on stdin", {"-d", ":", "-k", "echo"}, "x:y:z");
    row("-d \\t escape", {"-d", "\\t", "-k", "echo"}, "p\tq\tr\n");
    row("--colsep", {"--colsep", ",", "-k", "echo", "{2}", "{1}", ":::", "a,b", " c , d ,", "x"});
    row("--colsep tabs from stdin", {"--colsep", "\\t", "-k", "echo", "{1}={3}"}, "a\tb\tc\nd\te\tf\n");
    // --header without --pipe: each source's first value names its column(s).
    row("--header : names", {"--header", ":", "-k", "echo {b} {a} {1} {b.} {a/} {b//}", ":::", "a",
                             "1.x", "2", ":::", "b", "x/y.z", "y"});
    row("--header : --colsep from stdin", {"--header", ":", "--colsep", "\\t", "-k", "--tagstring",
                                           "{a}", "echo {b} {a}"}, "b\ta\n1\tx\n2\ty\n");
    // --header splits the values at TAB without trimming them; --header 0 reads no names: the
    // files given (-a, ::::) name the columns, numbered among the files only.
    row("--header : splits at TAB", {"--header", ":", "-k", "echo {b}-{a}"},
        "a\tb\n1\t2\n x\t y \n");
    row("--header 0 names by files", {"--header", "0", "-k", "echo {lines.txt} {words.txt/} {1}",
                                      ":::", "X", "::::", "words.txt", "lines.txt"});
    row("--header 0 -a, TAB", {"--header", "0", "-k", "-a", "lines.txt", "--tagstring",
                               "{lines.txt.}", "echo {lines.txt}+{3}", ":::", "p\tq"});
    row("--colsep regex", {"--colsep", "\\s+", "-k", "echo", "{2}", ":::", "a   b", "c d"});
    row("--colsep --trim n", {"--colsep", ",", "--trim", "n", "-k", "echo", "[{2}]", ":::", " c , d "});
    row("--trim lr", {"--trim", "lr", "-k", "echo", "x{}x", ":::", "  padded  "});
    row("--trim l", {"--trim", "l", "--dry-run", "-k", "echo", "{}", ":::", "  left  "});

    // -n.
    row("-n 2", {"-n", "2", "-k", "echo", ":::", "a", "b", "c", "d", "e"});
    row("-n2 positional", {"-n2", "-k", "echo", "{1}+{2}", ":::", "a", "b", "c"});
    row("-n 2 past the values", {"--dry-run", "-n", "2", "-k", "echo", "{1}", "{2}", "{3}", ":::", "a", "b", "c"});
    row("-n 2 {.}", {"-n", "2", "-k", "echo", "{.}", ":::", "a.x", "b.y", "c.z"});

    // Tags and what is printed.
    row("--tag", {"--tag", "-k", "echo", ":::", "a", "b c"});
    row("--tag, two lines each", {"--tag", "-k", "echo one; echo two", ":::", "x", "y"});
    row("--tag, two sources", {"--tag", "-k", "echo", ":::", "a", "b", ":::", "1"});
    row("--tag, no last newline", {"--tag", "-k", "printf", "%s", ":::", "a", "b"});
    row("--tagstring", {"--tagstring", "[{#}:{}]", "-k", "echo", ":::", "a", "b"});
    row("--tagstring with columns", {"--colsep", ",", "--tagstring", "{2}", "-k", "echo", "{1}", ":::", "a,X", "b,Y"});
    row("--dry-run", {"--dry-run", "-k", "echo", ":::", "a", "b c"});
    row("--dry-run --tag", {"--dry-run", "--tag", "-k", "echo", ":::", "a", "b c"});
    row("--dry-run values as commands", {"--dry-run", "-k", ":::", "echo a", "echo b"});
    row("--shellquote values", {"--shellquote", "-k", ":::", "a b", "it's", "plain"});
    row("--shellquote command", {"--shellquote", "-k", "echo", ":::", "a b"});
    row("-k keeps order", {"-j", "3", "-k", "sleep 0.{}; echo {}", ":::", "3", "2", "1"});

    // Exit status and failures.
    row("failing jobs count", {"-k", "echo {}; exit {}", ":::", "0", "1", "2", "3"});
    row("more than 100 failures", QStringList{"-j", "8", "exit 1", ":::"} + hundredAndFive);
    row("command not found", {"-k", "no-such-command-procdeck", ":::", "a", "b"});
    row("killed by a signal", {"-k", "echo {}; kill -9 $$", ":::", "a"});
    row("stdout and stderr apart", {"-k", "echo out {}; echo err {} >&2", ":::", "a", "b"});

    // Options that change when, not what.
    row("-j 0", {"-j", "0", "-k", "echo", ":::", "a", "b"});
    row("-j 200%", {"-j", "200%", "-k", "echo", ":::", "a", "b"});
    row("-j +1", {"-j", "+1", "-k", "echo", ":::", "a"});
    row("--delay", {"--delay", "0.1", "-k", "echo", ":::", "a", "b"});
    row("--timeout", {"--timeout", "30", "-k", "echo", ":::", "a"});
    // 3 s: room for the quick job on a loaded machine; the slow one is ended by both.
    m_rows.add("--timeout expires", {"--timeout", "3", "-k", "echo {}; sleep {}", ":::", "0", "60"},
               {}, true);
    row("--joblog", {"--joblog", "jobs.log", "-k", "echo", ":::", "a"});
    row("-j 0% leaves no job", {"-j", "0%", "echo", ":::", "a"});
    row("missing file", {"echo", "::::", "no-such-file.txt"});

    // --halt (issue 13), every spelling: -j1 and exit {} over 0,3,0,0,5,0 — the jobs that run
    // ({#} printed) and the exit status are parallel's.
    for (const char *halt : {"0", "1", "2", "-1", "-2", "20%", "never", "soon,fail=1", "now,fail=1", "soon,fail=2",
                             "now,fail=3", "soon,success=1", "now,success=2", "soon,done=1", "now,done=3",
                             "soon,fail=20%", "now,fail=34%", "soon,success=50%", "now,success=17%", "soon,done=50%",
                             "now,done=10%"}) {
        row(qPrintable(QStringLiteral("--halt %1").arg(QLatin1String(halt))),
            {"-j1", "--halt", QString::fromLatin1(halt), "echo {#}; exit {}", ":::", "0", "3", "0", "0", "5", "0"});
    }
    row("--retries", {"-j1", "--retries", "3", "echo {}; exit {}", ":::", "0", "2", "0"}); // the last try's output only
    row("--halt-on-error", {"-j1", "--halt-on-error", "2", "echo {}; exit {}", ":::", "0", "4", "0"});
    // Exit statuses (issue 23): 10 % of 10 jobs is one job, the halting job's own status (3); a
    // retried job's tries all count as started (25); a timed-out job's status is -1 (255); a
    // command too long to run is refused (255).
    row("--halt now,fail=10% of 10", {"-j1", "--halt", "now,fail=10%", "exit {}", ":::", "0", "3",
                                      "0", "0", "5", "0", "0", "0", "2", "0"});
    row("--retries with fail=50%", {"-j1", "--retries", "2", "--halt", "soon,fail=50%", "exit {}",
                                    ":::", "0", "3", "0", "0", "5", "0"});
    m_rows.add("--timeout with fail=1", {"-j1", "--timeout", "1", "--halt", "now,fail=1",
                                         "sleep {}", ":::", "3", "0"}, {}, true);
    row("a 1 MB value", {"-j1", "echo", "::::", "bigval"});
    row("--nice", {"--nice", "5", "ps -o ni= -p $$", ":::", "1"}); // issue 26.4

    // Commands as input (issue 27.1): no command given, each input line is one.
    const QByteArray commands = "echo a\necho b; echo c >&2\nexit 3\nprintf '%s\\n' \"x y\"\n";
    row("commands on standard input", {"-j4", "-k"}, commands);
    row("commands on standard input, no option", {}, "echo only\n");
    row("commands from -a", {"-k", "-a", "cmds.txt"});
    row("commands from -a, dry run", {"--dry-run", "-k", "-a", "cmds.txt"});
    row("commands as values", {"-k", ":::", "echo a", "exit 2"});
    // $PARALLEL_PID: the program that read the command line, the jobs' parent.
    row("$PARALLEL_PID, $PARALLEL_JOBSLOT at -j1",
        {"-j1", "-k", "echo {} $((PARALLEL_PID == PPID)) $PARALLEL_JOBSLOT", ":::", "a", "b"});
    row("no commands at all", {"-j2"});
}

void TestParallelCompat::sameAsParallel()
{
    QFETCH(int, index);
    // Both at once, and the next rows' started already: neither's output depends on another's.
    const auto [expected, actual] = m_rows.take(m_bench, index);
    QVERIFY2(expected.exitCode >= 0, "parallel did not finish");
    if (actual.out != expected.out)
        qWarning().noquote() << "parallel printed:" << expected.out << "\nprocdeck-cli printed:" << actual.out
                             << "\nprocdeck-cli's stderr:" << actual.err;
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.exitCode, expected.exitCode);
}

void TestParallelCompat::slotsAsParallel_data()
{
    // Each job says it started (s{#}), waits for the file its value names, prints its slot and
    // says it ended (e{#}): every end waits for the start that the end before it let happen, so
    // both programs see the same order of starts and ends, however loaded the machine is.
    const QString job = QStringLiteral("touch s{#}; until [ -e {} ]; do sleep 0.01; done; "
                                       "echo {%} {#}; touch e{#}");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("-j4, four at once") << QStringList{"-j4", "-k", job, ":::", "s4", "s4", "s4", "s4"};
    // Ends out of order: 3, 2, 5, 4, 7, 1, 6. Slots 1 2 3 3 2 2 3 (in turn: 1 2 3 1 2 3 1).
    QTest::newRow("-j3, ends out of order")
        << QStringList{"-j3", "-k", job, ":::", "e7", "s4", "s3", "s6", "s5", "e1", "s7"};
    // At -j4: ends 4, 3, 2, 5, 6, 7, 8, 1, one at a time, each let go by the start or end before.
    QTest::newRow("-j4, ends out of order")
        << QStringList{"-j4", "-k", job, ":::", "e8", "s6", "s5", "s4", "s7", "s8", "e6", "e7"};
    // $PARALLEL_JOBSLOT and --plus's {slot}: the same number as {%}.
    QString named = job;
    named.replace(QStringLiteral("echo {%}"), QStringLiteral("echo {%} $PARALLEL_JOBSLOT {slot}"));
    QTest::newRow("-j3, ends out of order, $PARALLEL_JOBSLOT {slot}")
        << QStringList{"-j3", "-k", "--plus", named, ":::", "e7", "s4", "s3", "s6", "s5", "e1",
                       "s7"};
}

void TestParallelCompat::slotsAsParallel()
{
    QFETCH(QStringList, args);
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    const QString parallelDir = m_bench.path(QStringLiteral("slots-parallel ") + tag);
    const QString procdeckDir = m_bench.path(QStringLiteral("slots-procdeck ") + tag);
    QVERIFY(QDir().mkpath(parallelDir) && QDir().mkpath(procdeckDir));
    QProcess parallel;
    QProcess procdeck;
    start(&parallel, m_parallel, args, QByteArray(), parallelDir); // each in its own folder
    start(&procdeck, QStringLiteral(PROCDECK_CLI_PATH), args, QByteArray(), procdeckDir);
    const Outcome expected = finish(&parallel);
    const Outcome actual = finish(&procdeck);
    QVERIFY2(expected.exitCode == 0, expected.err.constData());
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.exitCode, 0);
}

void TestParallelCompat::jobLogPlusAppendsAsParallel()
{
    // Issue 27.7: `--joblog +FILE` appends to FILE (no header, not even in a new file), where it
    // was taken for a file named "+FILE"; without the + it is written anew.
    QList<QList<QByteArray>> logs;
    for (const QString &program : {m_parallel, QStringLiteral(PROCDECK_CLI_PATH)}) {
        const QString dir = m_bench.path(QStringLiteral("joblog+ %1").arg(logs.size()));
        QVERIFY(QDir().mkpath(dir));
        for (const char *value : {"a", "b 'c'"}) {
            QProcess p;
            start(&p, program, {"--joblog", "+jl", "-k", "echo", ":::", value}, {}, dir);
            QCOMPARE(finish(&p).exitCode, 0);
        }
        QVERIFY(!QFile::exists(dir + QStringLiteral("/+jl")));
        logs << clitest::jobLogWithoutTimes(dir + QStringLiteral("/jl"));
        QProcess anew;
        start(&anew, program, {"--joblog", "jl", "-k", "exit", ":::", "3"}, {}, dir);
        QCOMPARE(finish(&anew).exitCode, 1);
        logs << clitest::jobLogWithoutTimes(dir + QStringLiteral("/jl"));
    }
    QCOMPARE(logs.at(0).size(), 3); // two rows and the last newline's empty rest
    QCOMPARE(logs.at(2), logs.at(0));
    QCOMPARE(logs.at(3), logs.at(1));
}

void TestParallelCompat::jobLogCommandAsParallel()
{
    // Issue 27.7: a newline in a command is NUL in the joblog (a row stays one line), a tab stays
    // (ProcDeck wrote both as spaces); commands read with -0 from standard input.
    const QByteArray commands("echo a\necho b\0printf 'x\ty\\n'\0", 29);
    QList<QList<QByteArray>> logs;
    QList<QByteArray> printed;
    for (const QString &program : {m_parallel, QStringLiteral(PROCDECK_CLI_PATH)}) {
        const QString dir = m_bench.path(QStringLiteral("joblog command %1").arg(logs.size()));
        QVERIFY(QDir().mkpath(dir));
        QProcess p;
        start(&p, program, {"-0", "-k", "-j1", "--joblog", "jl"}, commands, dir);
        const Outcome o = finish(&p);
        QCOMPARE(o.exitCode, 0);
        printed << o.out;
        logs << clitest::jobLogWithoutTimes(dir + QStringLiteral("/jl"));
    }
    QCOMPARE(printed.at(1), printed.at(0));
    QCOMPARE(logs.at(1), logs.at(0));
    QVERIFY(logs.at(0).value(1).endsWith(QByteArray("echo a\0echo b", 13)));
}

void TestParallelCompat::windowRunsTheSameJobs()
{
#ifndef PROCDECK_GUI_PATH
    QSKIP("built without the window");
#else
    const QString dir = m_bench.path(QStringLiteral("window"));
    QVERIFY(QDir().mkpath(dir));
    QProcessEnvironment env = m_env;
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // The window hands the jobs to an engine: one of this test's own, stopped at its end.
    const QString run = m_bench.path(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(run));
    QFile::setPermissions(run, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), run);

    // --dry-run prints, as procdeck-cli does, and opens no window.
    QProcess dry;
    dry.setProcessEnvironment(env);
    dry.start(QStringLiteral(PROCDECK_GUI_PATH), {"--dry-run", "-k", "touch {}.done", ":::", "one", "three four"});
    QVERIFY(dry.waitForFinished(kDeadlineMs));
    QCOMPARE(dry.exitCode(), 0);
    QCOMPARE(dry.readAllStandardOutput(), QByteArray("touch one.done\ntouch 'three four'.done\n"));

    // The window runs the jobs of the same command line: each leaves its file.
    QProcess gui;
    gui.setProcessEnvironment(env);
    gui.setWorkingDirectory(dir);
    gui.start(QStringLiteral(PROCDECK_GUI_PATH), {"-j", "2", "touch {}.done", ":::", "one", "two", "three four"});
    QVERIFY(gui.waitForStarted(kDeadlineMs));
    const QStringList expected{"one.done", "three four.done", "two.done"};
    QTRY_COMPARE_WITH_TIMEOUT(QDir(dir).entryList(QDir::Files, QDir::Name), expected, kDeadlineMs);
    gui.terminate(); // quits as a person's SIGTERM does
    QVERIFY(gui.waitForFinished(kDeadlineMs));
    QProcess stop;
    stop.setProcessEnvironment(env);
    stop.start(QStringLiteral(PROCDECK_CLI_PATH), {"--stop-engine"});
    QVERIFY(stop.waitForFinished(kDeadlineMs));
    QCOMPARE(stop.exitCode(), 0);
#endif
}

QTEST_GUILESS_MAIN(TestParallelCompat)
#include "tst_parallelcompat.moc"
