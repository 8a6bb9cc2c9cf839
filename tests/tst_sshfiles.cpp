// GNU parallel's remote files for -S logins (issue 27.6): --transfer, --return, --cleanup, --trc
// and --wd, run by parallel 20221122 and by procdeck-cli on the same login of the private sshd
// (services/sshd.sh): the folder there and the folder here after the run, byte for byte, the
// standard output and the exit status must be the same.

#include "sshmaster.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// A folder's tree, one line a path (sorted bytes): "d PATH", or "f PATH HEXBYTES"; "MISSING"
/// when there is no such folder. Names are read as bytes, never decoded.
const char kTree[] = R"sh(cd "$1" 2>/dev/null || { echo MISSING; exit 0; }
find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r p; do
  if [ -d "$p" ]; then printf 'd %s\n' "$p"
  else printf 'f %s ' "$p"; od -An -tx1 "$p" | tr -d ' \n'; echo; fi
done)sh";

/// The input files, made anew in each run's own folder: spaces, a byte that is not UTF-8, a
/// leading ./, rsync's /./, a folder.
const char kMakeFiles[] = R"sh(mkdir -p 'sub dir' d && printf 'A\n' > 'sub dir/a b.txt' &&
printf 'plain\n' > plain.txt && printf 'e9\n' > "$(printf 'caf\351.txt')" &&
printf 'dot\n' > dot.txt && printf 'x\n' > d/x.txt)sh";

/// The values given on standard input, one a line.
const char kValues[] = R"sh(printf '%s\n' 'sub dir/a b.txt' "$(printf 'caf\351.txt')")sh";

constexpr int kRunDeadlineMs = 540000;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray here;  ///< the local folder's tree afterwards
    QByteArray there; ///< the remote folder's (--wd) tree afterwards
};

} // namespace

class TestSshFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsParallel_data();
    void sameAsParallel();
    void temporaryWorkdirIsRemoved();
    void workdirDotIsTheHomesPath();
    void cleanupTestCase()
    {
        m_ssh.close(); // before its socket goes
        removeTree(m_tmp.path());
    }

private:
    /// QTemporaryDir cannot remove a name that is not UTF-8: rm can.
    static void removeTree(const QString &dir)
    {
        remotetest::run(QStringLiteral("rm"), {QStringLiteral("-rf"), QStringLiteral("--"), dir});
    }

    /// A fresh folder for a run under `base` (the suite's own when empty): here and there.
    QPair<QString, QString> makePlace(const QString &base);
    /// `script` (bash; $TOOL is parallel or procdeck-cli, $LOGIN and $LOGIN2 the two logins,
    /// $R the remote folder) to run in its place's here, after the input files are made.
    remotetest::Script toolScript(const QString &tool, const QString &script,
                                  const QPair<QString, QString> &place) const;
    /// The run's result with the folders named by what they are, and their trees.
    static Run collect(const clitest::Result &r, const QPair<QString, QString> &place);
    /// Runs `script` with procdeck-cli and with parallel, at once, each in its own place.
    Run runBoth(const QString &script, Run *procdeck, const QString &base = {});

    QTemporaryDir m_tmp;
    remotetest::SharedSshConnection m_ssh;
    int m_runs = 0;
};

void TestSshFiles::initTestCase()
{
    QString why;
    const QString dir = remotetest::sshdWithRsync(&why);
    QVERIFY2(!dir.isEmpty(), qPrintable(why));
    QVERIFY(m_tmp.isValid());
    QVERIFY2(m_ssh.open(dir, m_tmp.path(), &why), qPrintable(why));
}

QPair<QString, QString> TestSshFiles::makePlace(const QString &base)
{
    const QString top = (base.isEmpty() ? m_tmp.path() : base)
        + QStringLiteral("/run%1").arg(++m_runs);
    QDir().mkpath(top + QStringLiteral("/here"));
    return {top + QStringLiteral("/here"), top + QStringLiteral("/there")};
}

remotetest::Script TestSshFiles::toolScript(const QString &tool, const QString &script,
                                            const QPair<QString, QString> &place) const
{
    const QString login = QStringLiteral("ssh -F %1 procdeck-").arg(m_ssh.config());
    return {QString::fromLatin1(kMakeFiles) + QStringLiteral(" && ") + script, place.first,
            {{QStringLiteral("TOOL"), tool}, {QStringLiteral("LOGIN"), login + QLatin1Char('a')},
             {QStringLiteral("LOGIN2"), login + QLatin1Char('b')},
             {QStringLiteral("R"), place.second}}};
}

Run TestSshFiles::collect(const clitest::Result &r, const QPair<QString, QString> &place)
{
    const auto &[here, there] = place;
    Run out;
    out.exitCode = r.exitCode;
    // The folders differ between the two runs: each is named by what it is.
    const auto tidy = [&](QByteArray text) {
        return text.replace(there.toUtf8(), "$R").replace(here.toUtf8(), "$HERE");
    };
    out.out = tidy(r.out);
    out.err = tidy(r.err);
    const auto tree = [](const QString &dir) {
        return remotetest::run(QStringLiteral("bash"), {QStringLiteral("-c"),
                               QString::fromLatin1(kTree), QStringLiteral("tree"), dir}).out;
    };
    out.here = tree(here);
    out.there = tree(there);
    return out;
}

Run TestSshFiles::runBoth(const QString &script, Run *procdeck, const QString &base)
{
    const auto mine = makePlace(base);
    const auto theirs = makePlace(base);
    const QList<clitest::Result> results = remotetest::runScripts(
            {toolScript(clitest::cliPath(), script, mine),
             toolScript(QStringLiteral("parallel"), script, theirs)},
            kRunDeadlineMs);
    *procdeck = collect(results.at(0), mine);
    return collect(results.at(1), theirs);
}

void TestSshFiles::sameAsParallel_data()
{
    // Every ssh login costs time on a loaded machine: few jobs, each copying much.
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("sameStderr");
    const QString values = QString::fromLatin1(kValues) + QStringLiteral(" | ");
    const QString remote = QStringLiteral("\"$TOOL\" -j1 -k -S \"$LOGIN\" --wd \"$R\" ");
    QTest::newRow("transfer {}") << values + remote + QStringLiteral("--transfer 'wc -c < {}'")
                                 << false;
    QTest::newRow("transferfile: ./, /./, folders")
            << QStringLiteral("echo x | ") + remote
                    + QStringLiteral("--tf ./dot.txt --tf d/./x.txt --tf 'sub dir/a b.txt' "
                                     "--tf {}.none 'cat x.txt dot.txt'")
            << false;
    QTest::newRow("trc on two logins, failing jobs")
            << values + QStringLiteral("\"$TOOL\" -j1 -k -S \"$LOGIN\",\"$LOGIN2\" --wd \"$R\" "
                                       "--trc {}.out 'cat {} > {}.out; echo {}; exit 3'")
            << false;
    QTest::newRow("return of a file not made")
            << QStringLiteral("echo plain.txt | ") + remote
                    + QStringLiteral("--return {}.nothere 'echo {}'")
            << true;
    QTest::newRow("return into a folder here, cleanup")
            << QStringLiteral("echo plain.txt | ") + remote
                    + QStringLiteral("--return ./out/{}.x --tf {} --cleanup "
                                     "'mkdir -p out; cp {} out/{}.x'")
            << false;
    // The ssh command of logins that name none (issue 27's rest): --ssh, then $PARALLEL_SSH.
    // ${LOGIN% *} is the login's ssh command, ${LOGIN##* } its host.
    QTest::newRow("--ssh") << QStringLiteral("echo OK | \"$TOOL\" -k --ssh \"${LOGIN% *}\" "
                                             "-S \"${LOGIN##* }\" 'echo {}; exit 2'")
                           << false;
    QTest::newRow("PARALLEL_SSH, two logins")
            << QStringLiteral("printf 'x\\ny\\n' | PARALLEL_SSH=\"${LOGIN% *}\" \"$TOOL\" -k "
                              "-S 1/\"${LOGIN##* }\",1/\"${LOGIN2##* }\" --tag echo")
            << true;
    // --sshdelay: --delay when none is given (parallel 20221122), the starts 0.3 s apart.
    QTest::newRow("--sshdelay")
            << QStringLiteral("\"$TOOL\" -j0 --sshdelay 0.3 -S \"$LOGIN\" --joblog jl true ::: 1 2 3 "
                              "&& cut -f3 jl | sed 1d | sort -n | awk 'NR > 1 && $1 - p < 0.29 "
                              "{ near = 1 } { p = $1 } END { print near ? \"near\" : \"apart\" }' "
                              "&& rm jl")
            << true;
    // GNU parallel's login variables and the joblog's Host (issue 27's rest): the login's text
    // with its ssh command when it names one, the host alone when --ssh gives it; ":" here.
    const QString logged = QStringLiteral(" --joblog jl --plus 'echo {} {sshlogin}+{host}+"
                                          "$PARALLEL_SSHLOGIN+$PARALLEL_SSHHOST' ::: a "
                                          "&& cut -f1,2,5- jl && rm jl");
    QTest::newRow("{sshlogin} {host}, joblog Host: a login with its ssh")
            << QStringLiteral("\"$TOOL\" -j1 -k -S \"$LOGIN\"") + logged << true;
    QTest::newRow("{sshlogin} {host}, joblog Host: --ssh, user@")
            << QStringLiteral("\"$TOOL\" -j1 -k --ssh \"${LOGIN% *}\" -S \"$(id -un)@${LOGIN2##* }\"")
                    + logged
            << true;
    QTest::newRow("{sshlogin} {host}, joblog Host: here")
            << QStringLiteral("\"$TOOL\" -j1 -k -S :") + logged << true;
    // --ssh as a shell reads it, and what it runs carried through any shell on the way.
    QTest::newRow("--ssh with quotes")
            << QStringLiteral("\"$TOOL\" -k --ssh \"${LOGIN% *} -o 'ServerAliveCountMax 4'\" "
                              "-S \"${LOGIN##* }\" 'echo {} \"$PARALLEL_SSHHOST\"' ::: \"a'b c\\\"d  e\"")
            << true;
    QTest::newRow("--ssh eval")
            << QStringLiteral("\"$TOOL\" -k --ssh \"eval ${LOGIN% *}\" -S \"${LOGIN##* }\" "
                              "'echo {} \"$PARALLEL_SSHHOST\"' ::: \"a'b c\\\"d  e\"")
            << true;
    QTest::newRow("--ssh through another login, eval twice")
            << QStringLiteral("\"$TOOL\" -k --ssh \"eval ${LOGIN} eval ${LOGIN% *}\" "
                              "-S \"${LOGIN2##* }\" 'echo {}; echo $PARALLEL_SSHLOGIN' ::: 'y z'")
            << true;
    QTest::newRow("--ssh with a pipe, --nonall --tag: the host alone")
            << QStringLiteral("\"$TOOL\" --ssh \"echo OK | ${LOGIN% *}\" -S \"${LOGIN##* }\" "
                              "--nonall --tag cat")
            << true;
    QTest::newRow("without -S: --trc is ignored")
            << values + QStringLiteral("\"$TOOL\" -j1 -k --trc {}.out 'echo {}'") << false;
    QTest::newRow("without -S: --wd is where it runs")
            << values + QStringLiteral("\"$TOOL\" -j1 -k --wd \"$R\"/{#} 'pwd; echo {}'")
            << false;
}

void TestSshFiles::sameAsParallel()
{
    QFETCH(QString, script);
    QFETCH(bool, sameStderr);
    Run procdeck;
    const Run parallel = runBoth(script, &procdeck);
    QCOMPARE(procdeck.out, parallel.out);
    QCOMPARE(procdeck.exitCode, parallel.exitCode);
    QCOMPARE(procdeck.here, parallel.here);
    QCOMPARE(procdeck.there, parallel.there);
    if (sameStderr)
        QCOMPARE(procdeck.err, parallel.err);
}

void TestSshFiles::temporaryWorkdirIsRemoved()
{
    // --wd ...: a folder of its own under ~/.parallel/tmp there for each job, gone afterwards.
    const QString tmp = QDir::homePath() + QStringLiteral("/.parallel/tmp");
    const QStringList before = QDir(tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    const QString script = QStringLiteral(
            "echo plain.txt | \"$TOOL\" -j1 -k -S \"$LOGIN\" --wd ... --trc {}.out "
            "'cat {} > {}.out; pwd | grep -c /.parallel/tmp/'");
    Run procdeck;
    const Run parallel = runBoth(script, &procdeck);
    QCOMPARE(procdeck.out, QByteArray("1\n"));
    QCOMPARE(procdeck.out, parallel.out);
    QCOMPARE(procdeck.exitCode, parallel.exitCode);
    QCOMPARE(procdeck.here, parallel.here);
    QCOMPARE(QDir(tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
}

void TestSshFiles::workdirDotIsTheHomesPath()
{
    // --wd .: the folder here, as a path under the home there (the same home on this sshd).
    QTemporaryDir underHome(QDir::homePath() + QStringLiteral("/.procdeck-sshfiles-XXXXXX"));
    QVERIFY(underHome.isValid());
    Run procdeck;
    const Run parallel = runBoth(QStringLiteral("echo plain.txt | \"$TOOL\" -j1 -S \"$LOGIN\" --wd . "
                                                "'pwd; cat {}'"),
                                 &procdeck, underHome.path());
    QVERIFY2(procdeck.out.startsWith("$HERE\nplain"), procdeck.out.constData());
    removeTree(underHome.path());
    QCOMPARE(procdeck.out, parallel.out);
    QCOMPARE(procdeck.exitCode, parallel.exitCode);
}

QTEST_GUILESS_MAIN(TestSshFiles)
#include "tst_sshfiles.moc"
