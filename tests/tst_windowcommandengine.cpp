// The window's command line hands its jobs to the user's engine (issue 25): `procdeck -j 2
// --template … --export FILE` runs them there, writes the export once they have ended as
// before, and they run on when the window is killed -9 or sent SIGTERM; what the engine cannot
// take runs in the window, and says so. The real window program and a real procdeck-engine on a
// private socket.
#include "enginetest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>

using enginetest::Home;

namespace {

constexpr int kDeadlineMs = 60000;

/// The window program with `home`'s surroundings, in its folder, on the offscreen platform.
void startWindow(QProcess *gui, const Home &home, const QStringList &args,
                 const QProcessEnvironment &extra = {})
{
    QProcessEnvironment env = home.env();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(extra);
    gui->setProcessEnvironment(env);
    gui->setWorkingDirectory(home.path("state"));
    gui->start(QStringLiteral(PROCDECK_GUI_PATH), args);
}

/// A job that waits for `go` to exist, then says so: what it prints tells whether it ran on.
QString waitsForGo(const Home &home)
{
    return QStringLiteral("while [ ! -e '%1' ]; do sleep 0.05; done; echo went")
            .arg(home.path("state") + QStringLiteral("/go"));
}

void letGo(const Home &home)
{
    QFile go(home.path("state") + QStringLiteral("/go"));
    QVERIFY(go.open(QIODevice::WriteOnly));
}

QList<QJsonObject> exportedRows(const QString &path)
{
    QFile file(path);
    QList<QJsonObject> rows;
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    for (const QByteArray &line : file.readAll().trimmed().split('\n'))
        rows << QJsonDocument::fromJson(line).object();
    return rows;
}

} // namespace

class TestWindowCommandEngine : public QObject
{
    Q_OBJECT

private slots:
    void theCommandLinesJobsRunInTheEngineAndTheExportIsWritten()
    {
        Home home;
        const QString exportPath = home.path("state") + QStringLiteral("/run.jsonl");
        QProcess gui;
        startWindow(&gui, home, {"--export", exportPath, "-j", "2", "--template", "echo {}",
                                 "--range", "1..3"});
        QVERIFY(gui.waitForStarted(kDeadlineMs));
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += gui.readAllStandardError()).contains("procdeck: Wrote"),
                                 kDeadlineMs);
        const QList<QJsonObject> rows = exportedRows(exportPath);
        QCOMPARE(rows.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rows[i].value(QLatin1String("state")).toString(), QStringLiteral("finished"));
            QCOMPARE(rows[i].value(QLatin1String("stdout")).toString(),
                     QStringLiteral("%1\n").arg(i + 1));
        }
        // The engine ran them: its jobs, with the window's -j.
        const QJsonArray jobs = home.status().value(QLatin1String("jobs")).toArray();
        QCOMPARE(jobs.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(jobs[i].toObject().value(QLatin1String("command")).toString(),
                     QStringLiteral("echo %1").arg(i + 1));
        gui.terminate();
        QVERIFY(gui.waitForFinished(kDeadlineMs));
        QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    }

    void moreShortJobsThanTheEngineServesClientsAllEndInTheExport()
    {
        // 300 jobs that end at once: the window follows them in turns, never more at once than
        // its share of the engine's 256 clients (it opened one each and lost most, and its
        // export never came).
        Home home;
        const QString exportPath = home.path("state") + QStringLiteral("/many.jsonl");
        QProcess gui;
        startWindow(&gui, home, {"--export", exportPath, "-j", "16", "--template", "echo {}",
                                 "--range", "1..300"});
        QVERIFY(gui.waitForStarted(kDeadlineMs));
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += gui.readAllStandardError()).contains("procdeck: Wrote"),
                                 kDeadlineMs);
        const QList<QJsonObject> rows = exportedRows(exportPath);
        QCOMPARE(rows.size(), 300);
        for (int i = 0; i < 300; ++i)
            QCOMPARE(rows[i].value(QLatin1String("stdout")).toString(),
                     QStringLiteral("%1\n").arg(i + 1));
        QVERIFY2(!home.log().contains(QLatin1String("refused a connection")),
                 qPrintable(home.log()));
        gui.terminate();
        QVERIFY(gui.waitForFinished(kDeadlineMs));
    }

    void aWindowGoneLeavesItsCommandLinesJobRunning_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("kill -9") << int(SIGKILL);
        QTest::newRow("SIGTERM, as a logout") << int(SIGTERM); // closes as Keep running does
    }

    void aWindowGoneLeavesItsCommandLinesJobRunning()
    {
        QFETCH(int, sig);
        Home home;
        QProcess gui;
        startWindow(&gui, home, {"--shell", waitsForGo(home)});
        QVERIFY(gui.waitForStarted(kDeadlineMs));
        QTRY_COMPARE_WITH_TIMEOUT(home.stateOf(1), QStringLiteral("running"), kDeadlineMs);
        ::kill(pid_t(gui.processId()), sig);
        QVERIFY(gui.waitForFinished(kDeadlineMs));
        if (sig == SIGTERM)
            QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
        QCOMPARE(home.stateOf(1), QStringLiteral("running"));
        letGo(home);
        // It ran on to its end: ended with the window, it would never have said "went".
        const clitest::Result followed = home.cli({"--follow", "1"});
        QCOMPARE(followed.out, QByteArray("went\n"));
        QCOMPARE(followed.exitCode, 0);
        QCOMPARE(home.stateOf(1), QStringLiteral("finished"));
    }

    void jobsTheEngineDoesNotTakeRunInTheWindow()
    {
        // No engine can be started: the jobs run in the window all the same, and it says why.
        Home home;
        const QString exportPath = home.path("state") + QStringLiteral("/here.jsonl");
        QProcessEnvironment noEngine;
        noEngine.insert(QStringLiteral("PROCDECK_ENGINE"), home.path("state") + "/no-engine");
        QProcess gui;
        startWindow(&gui, home, {"--export", exportPath, "--shell", "echo here"}, noEngine);
        QVERIFY(gui.waitForStarted(kDeadlineMs));
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += gui.readAllStandardError()).contains("procdeck: Wrote"),
                                 kDeadlineMs);
        QVERIFY2(said.contains("procdeck: The engine did not take the jobs (")
                         && said.contains("): they run in this window\n"),
                 said.constData());
        const QList<QJsonObject> rows = exportedRows(exportPath);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(QLatin1String("stdout")).toString(), QStringLiteral("here\n"));
        QCOMPARE(rows[0].value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        QVERIFY(!QFile::exists(home.socketPath()));
        gui.terminate();
        QVERIFY(gui.waitForFinished(kDeadlineMs));
    }

    void inWindowKeepsTheJobsInTheWindow_data()
    {
        QTest::addColumn<QStringList>("jobs");
        QTest::newRow("ProcDeck's form") << QStringList{"--shell", "echo own"};
        QTest::newRow("GNU parallel's form") << QStringList{"-j2", "echo", ":::", "own"};
    }

    void inWindowKeepsTheJobsInTheWindow()
    {
        QFETCH(QStringList, jobs);
        Home home;
        const QString exportPath = home.path("state") + QStringLiteral("/own.jsonl");
        QProcess gui;
        startWindow(&gui, home, QStringList{"--in-window", "--export", exportPath} + jobs);
        QVERIFY(gui.waitForStarted(kDeadlineMs));
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += gui.readAllStandardError()).contains("procdeck: Wrote"),
                                 kDeadlineMs);
        QCOMPARE(exportedRows(exportPath).value(0).value(QLatin1String("stdout")).toString(),
                 QStringLiteral("own\n"));
        QVERIFY(!QFile::exists(home.socketPath())); // no engine was asked
        gui.terminate();
        QVERIFY(gui.waitForFinished(kDeadlineMs));
    }
};

QTEST_GUILESS_MAIN(TestWindowCommandEngine)
#include "tst_windowcommandengine.moc"
