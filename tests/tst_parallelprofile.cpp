// GNU parallel's profiles and $PARALLEL (issue 27, the rest): -J NAME, -J ./path, -J /path, the
// config of each config folder, $PARALLEL's options and words, --plain; each case run through
// parallel itself and through procdeck-cli with the same environment: the same standard output
// and exit status.
#include "paralleltest.h"

class TestParallelProfile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void cleanup();

private:
    paralleltest::Bench m_bench;
};

void TestParallelProfile::initTestCase()
{
    if (!m_bench.setUp())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    // ~/.parallel (the home's) holds named profiles only: a config there would be every row's.
    QVERIFY(m_bench.write(QStringLiteral("home/.parallel/tagged"), "--tag\n# a note\n  # one "
                                                                   "more\n-k\n"));
    QVERIFY(m_bench.write(QStringLiteral("relative"), "--tagstring R\n"));
    QVERIFY(m_bench.write(QStringLiteral("absolute"), "--tagstring 'A B'\n"));
    // $PARALLEL_HOME: a config folder of its own, with a config (and parallel's will-cite).
    QVERIFY(QDir().mkpath(m_bench.path(QStringLiteral("own"))));
    QVERIFY(m_bench.write(QStringLiteral("own/will-cite"), QByteArray()));
    QVERIFY(m_bench.write(QStringLiteral("own/config"), "-k --tagstring C\n"));
    QVERIFY(m_bench.write(QStringLiteral("own/named"), "--tagstring N -k\n"));
}

void TestParallelProfile::sameAsParallel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("parallelVariable"); ///< $PARALLEL; empty: unset
    QTest::addColumn<bool>("ownHome");             ///< $PARALLEL_HOME set to "own"
    const QStringList ab{"-j1", "echo", ":::", "a", "b"}; // -j1: in order without -k
    const auto row = [](const char *name, const QStringList &args, const char *variable = "",
                        bool ownHome = false) {
        QTest::newRow(name) << args << QString::fromUtf8(variable) << ownHome;
    };
    row("-J NAME (in ~/.parallel)", QStringList{"-J", "tagged"} + ab);
    row("--profile=NAME", QStringList{"--profile=tagged"} + ab);
    row("-J ./path", QStringList{"-J", "./relative"} + ab);
    row("-J /path", QStringList{"-J", m_bench.path(QStringLiteral("absolute"))} + ab);
    row("-J twice", QStringList{"-J", "./relative", "-J", "tagged"} + ab);
    row("-J not there: passed over", QStringList{"-k", "-J", "nothere"} + ab);
    row("-J after the command is a word", {"--tagstring", "a", "echo", "-J", "tagged", ":::", "x"});
    row("$PARALLEL with a space first", QStringList{"-k"} + ab, " -v");
    row("$PARALLEL's words before the command", {"-j1", "echo", "y", ":::", "b"}, "-k echo x");
    row("$PARALLEL and no command", {":::", "b", "a"}, "-j1 echo");
    row("--plain: neither", QStringList{"--plain", "-k"} + ab, "-v");
    row("config of $PARALLEL_HOME", ab, "", true);
    row("-J instead of the config", QStringList{"-J", "named"} + ab, "", true);
    row("config, then $PARALLEL", ab, "--tagstring E", true);
    row("then the command line", QStringList{"--tagstring", "L"} + ab, "--tagstring E", true);
    row("--plain: no config", QStringList{"--plain", "-k"} + ab, "", true);
}

void TestParallelProfile::sameAsParallel()
{
    QFETCH(QStringList, args);
    QFETCH(QString, parallelVariable);
    QFETCH(bool, ownHome);
    m_bench.setVariable(QStringLiteral("PARALLEL"), parallelVariable);
    m_bench.setVariable(QStringLiteral("PARALLEL_HOME"),
                        ownHome ? m_bench.path(QStringLiteral("own")) : QString());
    const auto [expected, actual] = paralleltest::runBoth(m_bench, args, QByteArray());
    QVERIFY2(expected.exitCode == 0 && !expected.out.isEmpty(), expected.err.constData());
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.exitCode, expected.exitCode);
}

void TestParallelProfile::cleanup()
{
    m_bench.setVariable(QStringLiteral("PARALLEL"), QString());
    m_bench.setVariable(QStringLiteral("PARALLEL_HOME"), QString());
}

QTEST_GUILESS_MAIN(TestParallelProfile)
#include "tst_parallelprofile.moc"
