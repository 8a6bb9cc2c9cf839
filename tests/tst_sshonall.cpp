// GNU parallel's --onall, --nonall and --basefile for -S logins (issue 27.6), run by parallel
// 20221122 and by procdeck-cli on the two logins of the private sshd (services/sshd.sh, one
// server under two names): standard output byte for byte, standard error where it says the
// same, the exit status, and for --basefile the folder there and how many copies were made.

#include "sshmaster.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// A folder's tree, one line a path: "d PATH" or "f PATH CONTENT"; "MISSING" when it is not.
const char kTree[] = R"sh(cd "$1" 2>/dev/null || { echo MISSING; exit 0; }
find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r p; do
  if [ -d "$p" ]; then printf 'd %s\n' "$p"; else printf 'f %s %s\n' "$p" "$(cat "$p")"; fi
done)sh";

/// An ssh that notes each of its runs (its arguments, a line) in $LOG, then is ssh: rsync's
/// copies through it are counted (each starts `rsync --server` there).
const char kCountingSsh[] = "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/ssh.log\"\n"
                            "exec ssh \"$@\"\n";

constexpr int kRunDeadlineMs = 540000;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray there;    ///< the remote folder's tree afterwards
    int rsyncCopies = 0; ///< rsync runs there that received files
};

} // namespace

class TestSshOnAll : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void groupedByLoginWithoutKeepOrder();
    void basefileCopiedOncePerLogin_data();
    void basefileCopiedOncePerLogin();

private:
    /// `script` (bash; $TOOL is parallel or procdeck-cli, $LOGIN and $LOGIN2 the two logins
    /// through the counting ssh, $R the remote folder) to run in `top`/here, holding base.txt;
    /// `top` is made anew.
    remotetest::Script prepare(const QString &tool, const QString &script, const QString &top);
    /// The run's result, its folder named $TOP (the tags name the logins, the ssh in it).
    static Run collect(const clitest::Result &r, const QString &top);
    /// Runs `script` with procdeck-cli and with parallel, at once, each in a folder of its own.
    Run runBoth(const QString &script, Run *procdeck)
    {
        const QString mine = m_tmp.path() + QStringLiteral("/procdeck");
        const QString theirs = m_tmp.path() + QStringLiteral("/parallel");
        const QList<clitest::Result> results = remotetest::runScripts(
                {prepare(clitest::cliPath(), script, mine),
                 prepare(QStringLiteral("parallel"), script, theirs)},
                kRunDeadlineMs);
        *procdeck = collect(results.at(0), mine);
        return collect(results.at(1), theirs);
    }

    QTemporaryDir m_tmp;
    remotetest::SharedSshConnection m_ssh;
};

void TestSshOnAll::initTestCase()
{
    QString why;
    const QString dir = remotetest::sshdWithRsync(&why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    QVERIFY(m_tmp.isValid());
    QVERIFY2(m_ssh.open(dir, m_tmp.path(), &why), qPrintable(why));
}

remotetest::Script TestSshOnAll::prepare(const QString &tool, const QString &script,
                                         const QString &top)
{
    remotetest::run(QStringLiteral("rm"), {QStringLiteral("-rf"), top});
    const QString here = top + QStringLiteral("/here");
    QDir().mkpath(here);
    QFile ssh(top + QStringLiteral("/ssh"));
    if (ssh.open(QIODevice::WriteOnly))
        ssh.write(kCountingSsh);
    ssh.close();
    ssh.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile base(here + QStringLiteral("/base.txt"));
    if (base.open(QIODevice::WriteOnly))
        base.write("the base\n");
    const QString login
            = QStringLiteral("%1 -F %2 procdeck-").arg(ssh.fileName(), m_ssh.config());
    return {script, here,
            {{QStringLiteral("PARALLEL_SHELL"), QStringLiteral("/bin/sh")},
             {QStringLiteral("TOOL"), tool}, {QStringLiteral("LOGIN"), login + QLatin1Char('a')},
             {QStringLiteral("LOGIN2"), login + QLatin1Char('b')},
             {QStringLiteral("R"), top + QStringLiteral("/there")}}};
}

Run TestSshOnAll::collect(const clitest::Result &r, const QString &top)
{
    Run out;
    out.exitCode = r.exitCode;
    out.out = QByteArray(r.out).replace(top.toUtf8(), "$TOP");
    // The login's own shell start-up (this machine's ~/.bashrc runs pyenv, which complains when
    // two logins start at once) is neither tool's: its lines are left out.
    for (const QByteArray &line : r.err.split('\n'))
        if (!line.contains(".pyenv/") && !line.startsWith("pyenv:"))
            out.err += line + '\n';
    out.err.chop(1);
    out.err.replace(top.toUtf8(), "$TOP");
    out.there = remotetest::run(QStringLiteral("bash"), {QStringLiteral("-c"),
                                QString::fromLatin1(kTree), QStringLiteral("tree"),
                                top + QStringLiteral("/there")}).out;
    QFile log(top + QStringLiteral("/ssh.log"));
    if (log.open(QIODevice::ReadOnly))
        for (const QByteArray &line : log.readAll().split('\n'))
            out.rsyncCopies += line.contains("rsync --server") && !line.contains("--sender");
    return out;
}

void TestSshOnAll::sameAsParallel_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("sameStderr");
    const QString both = QStringLiteral("-S \"$LOGIN2\",\"$LOGIN\" ");
    QTest::newRow("--nonall, tagged")
        << QStringLiteral("\"$TOOL\" --nonall -k --tag ") + both + QStringLiteral("echo hi")
        << false;
    QTest::newRow("--nonall on this computer, no -S")
        << QStringLiteral("\"$TOOL\" --nonall 'echo here; echo there >&2'") << true;
    // Each login's run is parallel -j1: {%} is 1 on every login.
    QTest::newRow("--onall -k, tagged, stderr, {%}")
        << QStringLiteral("\"$TOOL\" --onall -k --tag ") + both
               + QStringLiteral("'echo {%} {#} {}; echo e{} >&2' ::: a b c")
        << true;
    QTest::newRow("--onall from stdin, a login named twice")
        << QStringLiteral("printf 'x\\ny\\n' | \"$TOOL\" --onall -k -S \"$LOGIN\" ") + both
               + QStringLiteral("echo")
        << false;
    QTest::newRow("--onall: two sources")
        << QStringLiteral("\"$TOOL\" --onall -k ") + both
               + QStringLiteral("'echo {1}{2}' ::: a b ::: 1 2")
        << false;
    // The exit status counts the logins whose run failed (2), not the jobs (4).
    QTest::newRow("--onall: failures counted per login")
        << QStringLiteral("\"$TOOL\" --onall -k ") + both
               + QStringLiteral("'echo {}; exit {}' ::: 0 1 2")
        << false;
    // -j 1: one login at a time, in their order (ssh's "/…" before ":"): this computer's jobs
    // find the files the ssh login's made (the two share $R's disk).
    QTest::newRow("--onall -j1: one login after the other")
        << QStringLiteral(R"sh("$TOOL" --onall -j1 --tag -S :,"$LOGIN" "
if test -n \"\$SSH_CONNECTION\"; then mkdir -p $R; sleep 1; touch $R/{}; else ls $R; fi
echo {}" ::: 1)sh")
        << true;
    // -j 2 of three logins: a and b first; : takes the turn of the first of them to end (it finds
    // its lock), and the other waits for :'s file (it would wait in vain for both to end).
    QTest::newRow("--onall -j2: the next login when one ends")
        << QStringLiteral(R"sh("$TOOL" --onall -j2 -k --tag -S :,"$LOGIN","$LOGIN2" "
if test -z \"\$SSH_CONNECTION\"; then test -d $R/lock && touch $R/here && echo {} || echo early
elif mkdir -p $R && mkdir $R/lock 2>/dev/null; then echo {}
else i=0; until test -e $R/here || test \$i -ge 300; do sleep 0.1; i=\$((i + 1)); done
  test -e $R/here && echo {} || echo late; fi" ::: 1)sh")
        << true;
    // Only the ssh login fails: this computer's run has no SSH_CONNECTION.
    QTest::newRow("--onall: one login of two fails")
        << QStringLiteral("\"$TOOL\" --onall -k --tag -S :,\"$LOGIN\" "
                          "'test -n \"$SSH_CONNECTION\" && exit {}; echo {}' ::: 3 4")
        << false;
}

void TestSshOnAll::sameAsParallel()
{
    QFETCH(QString, script);
    QFETCH(bool, sameStderr);
    Run procdeck;
    const Run parallel = runBoth(script, &procdeck);
    QVERIFY2(!procdeck.out.isEmpty(), procdeck.err.constData());
    QCOMPARE(procdeck.out, parallel.out);
    QCOMPARE(procdeck.exitCode, parallel.exitCode);
    if (sameStderr)
        QCOMPARE(procdeck.err, parallel.err);
}

void TestSshOnAll::groupedByLoginWithoutKeepOrder()
{
    // Without -k the logins' runs print in the order they end, each whole: every login's lines
    // together, its jobs in order (each login runs one job at a time, as parallel -j1 does).
    const QString script = QStringLiteral(
            "\"$TOOL\" --onall --tag -S \"$LOGIN\",\"$LOGIN2\" 'sleep 0.$((RANDOM % 3)); echo {}' "
            "::: 1 2 3 4");
    Run procdeck;
    const Run parallel = runBoth(script, &procdeck);
    QCOMPARE(procdeck.exitCode, 0);
    QCOMPARE(procdeck.exitCode, parallel.exitCode);
    const auto blocks = [](const QByteArray &out) {
        QList<QByteArray> lines = out.split('\n');
        lines.removeAll(QByteArray());
        QByteArrayList found;
        for (qsizetype i = 0; i < lines.size(); i += 4) // a login's four lines
            found << lines.mid(i, 4).join('\n');
        std::sort(found.begin(), found.end());
        return found;
    };
    QCOMPARE(blocks(procdeck.out), blocks(parallel.out));
    QCOMPARE(blocks(procdeck.out).size(), 2);
}

void TestSshOnAll::basefileCopiedOncePerLogin_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("copies");
    const QString both = QStringLiteral("-S \"$LOGIN\",\"$LOGIN2\" ");
    // Six jobs on two logins: two copies, not six.
    QTest::newRow("--basefile --wd")
        << QStringLiteral("\"$TOOL\" -j2 -k --basefile base.txt --wd \"$R\" ") + both
               + QStringLiteral("'cat base.txt; echo {}' ::: 1 2 3 4 5 6")
        << 2;
    QTest::newRow("--basefile --cleanup: removed afterwards")
        << QStringLiteral("\"$TOOL\" -k --bf base.txt --cleanup --wd \"$R\" ") + both
               + QStringLiteral("'cat base.txt; echo {}' ::: 1 2 3")
        << 2;
    QTest::newRow("--basefile with --onall, two --bf")
        << QStringLiteral("\"$TOOL\" --onall -k --tag --bf base.txt --bf \"$PWD\"/base.txt "
                          "--wd \"$R\" ") + both + QStringLiteral("'cat base.txt {}' ::: /dev/null")
        << 4;
    QTest::newRow("--basefile of a file that is not there")
        << QStringLiteral("\"$TOOL\" -k --bf none.txt --wd \"$R\" ") + both
               + QStringLiteral("'echo {}' ::: 1")
        << 0;
}

void TestSshOnAll::basefileCopiedOncePerLogin()
{
    QFETCH(QString, script);
    QFETCH(int, copies);
    Run procdeck;
    const Run parallel = runBoth(script, &procdeck);
    QVERIFY2(!procdeck.out.isEmpty(), procdeck.err.constData());
    QCOMPARE(procdeck.out, parallel.out);
    QCOMPARE(procdeck.exitCode, parallel.exitCode);
    QCOMPARE(procdeck.there, parallel.there);
    QCOMPARE(parallel.rsyncCopies, copies);
    QCOMPARE(procdeck.rsyncCopies, copies);
}

QTEST_GUILESS_MAIN(TestSshOnAll)
#include "tst_sshonall.moc"
