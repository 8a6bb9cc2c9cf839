// GNU parallel's N/ in -S and --sshloginfile, and commands too long for ssh's command line
// (issue 27), run by parallel 20221122 and by procdeck-cli on the logins of the private sshd
// (services/sshd.sh). How many jobs run at once on each login is counted by the jobs
// themselves, not by timing.

#include "sshmaster.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// One job of a run whose jobs at once are counted: under a lock it counts itself in (in all,
/// and on its login: $PARALLEL_SSHHOST, `:` here) and keeps the most seen; it stays until
/// $2 jobs run at once or all $3 have started (or 60 s), then 0.5 s more, so that a tool running
/// more than it may is seen doing it; then it counts itself out.
const char kProbe[] = R"sh(#!/bin/sh
d=$1; target=$2; total=$3
key=$(printf %s "$PARALLEL_SSHHOST" | tr -c 'a-z0-9-' '_')
put() { echo "$2" > "$d/$1.new" && mv "$d/$1.new" "$d/$1"; } # read whole outside the lock
add() { # add FILE N: FILE += N, and max.FILE keeps the most
  n=$(( $(cat "$d/$1" 2>/dev/null || echo 0) + $2 )); put "$1" $n
  [ $n -gt "$(cat "$d/max.$1" 2>/dev/null || echo 0)" ] && put "max.$1" $n; true
}
( flock 9; add all 1; add "on.$key" 1; add started 1 ) 9>"$d/lock"
i=0
while [ $i -lt 1200 ]; do
  [ "$(cat "$d/all")" -ge "$target" ] || [ "$(cat "$d/started")" -ge "$total" ] && break
  sleep 0.05; i=$((i + 1))
done
sleep 0.5
( flock 9; add all -1; add "on.$key" -1 ) 9>"$d/lock"
)sh";

constexpr int kRunDeadlineMs = 300000;

} // namespace

class TestSshLogins : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jobsAtOnceAsParallel_data();
    void jobsAtOnceAsParallel();
    void aLongCommandRunsThere();
    void xargsFillsLinesUpToParallelsLength();
    void aLongCommandKeepsItsStandardInput();
    void tooLongForTheHostSaysSo();

private:
    /// Runs `script` (bash, in a folder of its own made anew: $TOOL, $LOGIN and $LOGIN2 the
    /// two logins through the shared connection, $PROBE the probe) with procdeck-cli and with
    /// parallel, side by side. Their results, procdeck-cli's first.
    QList<clitest::Result> runBoth(const QString &script);
    /// The most jobs seen at once on each login in `dir`: "procdeck-a 2\n…", sorted.
    static QByteArray mostAtOnce(const QString &dir);

    QTemporaryDir m_tmp;
    remotetest::SharedSshConnection m_ssh;
};

void TestSshLogins::initTestCase()
{
    QString why;
    const QString dir = remotetest::serviceDir("sshd", &why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    QVERIFY(m_tmp.isValid());
    QVERIFY2(m_ssh.open(dir, m_tmp.path(), &why), qPrintable(why));
    QFile probe(m_tmp.path() + QStringLiteral("/probe"));
    QVERIFY(probe.open(QIODevice::WriteOnly));
    probe.write(kProbe);
    probe.close();
    probe.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

QList<clitest::Result> TestSshLogins::runBoth(const QString &script)
{
    QList<remotetest::Script> scripts;
    for (const QString &tool : {clitest::cliPath(), QStringLiteral("parallel")}) {
        const QString dir = m_tmp.path() + (tool == QLatin1String("parallel")
                                                    ? QStringLiteral("/parallel")
                                                    : QStringLiteral("/procdeck"));
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        const QString login = QStringLiteral("ssh -F %1 procdeck-").arg(m_ssh.config());
        scripts << remotetest::Script{script, dir,
                                      {{QStringLiteral("TOOL"), tool},
                                       {QStringLiteral("LOGIN"), login + QLatin1Char('a')},
                                       {QStringLiteral("LOGIN2"), login + QLatin1Char('b')},
                                       {QStringLiteral("PROBE"),
                                        m_tmp.path() + QStringLiteral("/probe")}}};
    }
    return remotetest::runScripts(scripts, kRunDeadlineMs);
}

QByteArray TestSshLogins::mostAtOnce(const QString &dir)
{
    QByteArray out;
    const QStringList files = QDir(dir).entryList({QStringLiteral("max.on.*")}, QDir::Files,
                                                  QDir::Name);
    for (const QString &name : files)
        out += name.mid(7).toUtf8() + ' ' + clitest::readFile(dir + u'/' + name).trimmed()
                + '\n';
    return out;
}

void TestSshLogins::jobsAtOnceAsParallel_data()
{
    // A run of `jobs` jobs that hold until `target` run at once; what each login ran at once.
    // One job more than may run at once: a tool that let it start early would be seen.
    QTest::addColumn<QString>("options");
    QTest::addColumn<int>("jobs");
    QTest::addColumn<int>("target");
    QTest::addColumn<QByteArray>("most");
    // parallel's N/ is the login's CPU count: -j counts from it (100 % when not given).
    QTest::newRow("2/login") << QStringLiteral("-S 2/\"$LOGIN\"") << 3 << 2
                             << QByteArray("procdeck-a 2\n");
    QTest::newRow("2/login -j 5: five at once there")
        << QStringLiteral("-S 2/\"$LOGIN\" -j 5") << 6 << 5 << QByteArray("procdeck-a 5\n");
    QTest::newRow("4/login -j 50%") << QStringLiteral("-S 4/\"$LOGIN\" -j 50%") << 3 << 2
                                    << QByteArray("procdeck-a 2\n");
    QTest::newRow("2/login -j +1") << QStringLiteral("-S 2/\"$LOGIN\" -j +1") << 4 << 3
                                   << QByteArray("procdeck-a 3\n");
    QTest::newRow("3/login -j -1") << QStringLiteral("-S 3/\"$LOGIN\" -j -1") << 3 << 2
                                   << QByteArray("procdeck-a 2\n");
    QTest::newRow("1/: and 3/login") << QStringLiteral("-S 1/:,3/\"$LOGIN\"") << 5 << 4
                                     << QByteArray("_ 1\nprocdeck-a 3\n");
    QTest::newRow("1/: and 3/login -j 2: two on each")
        << QStringLiteral("-S 1/:,3/\"$LOGIN\" -j 2") << 5 << 4
        << QByteArray("_ 2\nprocdeck-a 2\n");
    QTest::newRow("two logins, -j 50%")
        << QStringLiteral("-S 2/\"$LOGIN\" -S 4/\"$LOGIN2\" -j 50%") << 4 << 3
        << QByteArray("procdeck-a 1\nprocdeck-b 2\n");
    QTest::newRow("--slf, -j 200%")
        << QStringLiteral("--slf <(printf '%s\\n' '# logins' 1/: 2/\"$LOGIN\") -j 200%") << 7 << 6
        << QByteArray("_ 2\nprocdeck-a 4\n");
}

void TestSshLogins::jobsAtOnceAsParallel()
{
    QFETCH(QString, options);
    QFETCH(int, jobs);
    QFETCH(int, target);
    QFETCH(QByteArray, most);
    const QString script = QStringLiteral("\"$TOOL\" %1 \"$PROBE\" \"$PWD\" %2 %3 ::: $(seq %3)")
                                   .arg(options)
                                   .arg(target)
                                   .arg(jobs);
    const QList<clitest::Result> results = runBoth(script);
    QVERIFY2(results.at(1).exitCode == 0, results.at(1).err.constData());
    QCOMPARE(mostAtOnce(m_tmp.path() + QStringLiteral("/parallel")), most);
    QVERIFY2(results.at(0).exitCode == 0, results.at(0).err.constData());
    QCOMPARE(results.at(0).err, results.at(1).err);
    QCOMPARE(mostAtOnce(m_tmp.path() + QStringLiteral("/procdeck")), most);
}

void TestSshLogins::aLongCommandRunsThere()
{
    // 100,000 bytes: parallel refuses any command of 63,664 bytes or more (half its limit, for its hex);
    // procdeck-cli carries a long one on standard input and runs it there.
    const QList<clitest::Result> results = runBoth(QStringLiteral(
            "head -c 100000 /dev/zero | tr '\\0' x > value; echo >> value\n"
            "\"$TOOL\" -S \"$LOGIN\" 'printf %s {} | wc -c; echo \"$SSH_CONNECTION\" | wc -w' "
            ":::: value"));
    QCOMPARE(results.at(1).exitCode, 255);
    QVERIFY2(results.at(1).err.contains("Command line too long"), results.at(1).err.constData());
    QCOMPARE(results.at(0).err, QByteArray());
    QCOMPARE(results.at(0).out, QByteArray("100000\n4\n")); // there: ssh's four words
    QCOMPARE(results.at(0).exitCode, 0);
}

void TestSshLogins::xargsFillsLinesUpToParallelsLength()
{
    // -X: every value once, status 0 in both; procdeck-cli's lines as long as parallel's are
    // on this computer (63,664 bytes), its remote command carried on standard input. parallel
    // counts its wrapping for -S in the length: its lines are much shorter there (3,144 bytes).
    const QString script = QStringLiteral(
            "seq 25000 > values\n"
            "\"$TOOL\" -X -S \"$LOGIN\" \"printf '%s\\n' {} > $PWD/job.{#}; cat $PWD/job.{#}\" "
            ":::: values | sort -n | cksum; for f in job.*; do wc -c < $f; done | sort -n | tail -1");
    const QList<clitest::Result> results = runBoth(script);
    QCOMPARE(results.at(0).exitCode, 0);
    QCOMPARE(results.at(1).exitCode, 0);
    const QList<QByteArray> mine = results.at(0).out.split('\n');
    const QList<QByteArray> theirs = results.at(1).out.split('\n');
    QCOMPARE(mine.at(0), theirs.at(0));
    QCOMPARE(mine.at(0), clitest::runBash(QStringLiteral("seq 25000 | cksum")).out.trimmed());
    QVERIFY2(mine.at(1).toInt() > 60000 && mine.at(1).toInt() < 63664, mine.at(1).constData());
    QVERIFY2(theirs.at(1).toInt() < 65536, theirs.at(1).constData());
}

void TestSshLogins::aLongCommandKeepsItsStandardInput()
{
    // --pipe: each job's block still comes whole after the command on the same stream: the
    // counts are parallel's, whose command here is the short one (it refuses the long).
    const QString filler = QStringLiteral("$(head -c 100000 /dev/zero | tr '\\0' x)");
    const QList<clitest::Result> results = runBoth(
            QStringLiteral("if [ \"${TOOL##*/}\" = parallel ]; then long=; else long=%1; fi\n"
                           "seq 3000 | \"$TOOL\" -k --pipe --block 2k -S \"$LOGIN\" "
                           "\"wc -l; : $long\"").arg(filler));
    QCOMPARE(results.at(0).err, QByteArray());
    QCOMPARE(results.at(0).exitCode, 0);
    QCOMPARE(results.at(1).exitCode, 0);
    QCOMPARE(results.at(0).out, results.at(1).out);
    QVERIFY(results.at(0).out.count('\n') > 5);
}

void TestSshLogins::tooLongForTheHostSaysSo()
{
    // A host whose kernel takes 128 KiB of arguments and environment in all (this machine, its
    // stack limit lowered, behind an "ssh"): the command arrives, the kernel there refuses it,
    // and the job says so in one line.
    const QString tinySsh = m_tmp.path() + QStringLiteral("/tinyssh");
    QFile file(tinySsh);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/bash\n"
               "while [ $# -gt 0 ]; do case $1 in -o|-F|-p|-l) shift 2;; -*) shift;; *) break;; "
               "esac; done\nshift\nulimit -s 256\nexec /bin/sh -c \"$*\"\n");
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const clitest::Result r = clitest::runBash(
            QStringLiteral("cd %1 && head -c 130000 /dev/zero | tr '\\0' x > value && echo >> value"
                           " && %2 -S '%3 tiny' 'printf %s {} | wc -c' :::: value")
                    .arg(m_tmp.path(), clitest::cliPath(), tinySsh));
    QCOMPARE(r.out, QByteArray());
    QCOMPARE(r.exitCode, 1);
    const QList<QByteArray> lines = r.err.split('\n');
    QCOMPARE(lines.at(0), QByteArray("procdeck: the command (130018 bytes) is too long for tiny: "
                                     "Argument list too long"));
}

QTEST_GUILESS_MAIN(TestSshLogins)
#include "tst_sshlogins.moc"
