#include "backgroundscene.h"

#include "backgroundpanel.h"
#include "core/models/enginejobsmodel.h"
#include "core/scheduling/scheduler.h"
#include "engineoutputview.h"
#include "mainwindow.h"
#include "scenewait.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

#include <cstdio>

using namespace procdeck::app;

namespace {

using scenewait::waitUntil;

/// procdeck-cli of the build tree, as a script would run it.
QByteArray cli(const QStringList &args)
{
    QProcess p;
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/../src/cli/procdeck-cli"),
            args);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return p.readAllStandardOutput();
}

void privateEngine(const QTemporaryDir &home)
{
    for (const char *sub : {"run", "state", "data"})
        QDir(home.path()).mkdir(QString::fromLatin1(sub));
    QFile::setPermissions(home.filePath(QStringLiteral("run")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", home.filePath(QStringLiteral("run")).toUtf8());
    qputenv("XDG_STATE_HOME", home.filePath(QStringLiteral("state")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
}

} // namespace

int takeBackgroundScene(const QString &outDir, const QString &suffix)
{
    QTemporaryDir home;
    privateEngine(home);
    // What people hand to the background: long conversions, a training run, a backup.
    cli({"--detach", "--shell", "echo 'fetching mirror list'; sleep 0.5; echo 'no route' >&2; "
                                "exit 2",
         "--shell", "echo 'index rebuilt: 18,204 entries'"});
    cli({"--detach", "-j", "4", "--shell",
         "for i in $(seq 1 600); do echo \"epoch $i: loss 0.$((900 - i))\"; sleep 0.2; done",
         "--shell", "for i in $(seq 1 500); do echo \"track $i.flac -> $i.opus\"; sleep 0.3; done",
         "--shell", "sleep 3600", "--shell", "echo 'backing up ~/photos'; sleep 3600",
         "--shell", "sleep 1200"});

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    BackgroundPanel *panel = window.background();
    window.findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentWidget(panel);
    window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->setSizes({170, 630});
    const auto running = [&](int number) {
        const int row = panel->model()->rowOf(number);
        return row >= 0 && panel->model()->rowAt(row).state == procdeck::JobState::Running;
    };
    waitUntil([&] { return panel->model()->rowCount() == 7 && running(6); }, 20000);
    panel->table()->selectRow(5); // the backup waits: paused from the window
    panel->steerSelected(QStringLiteral("pause"));
    waitUntil([] { return false; }, 2500);
    panel->table()->selectRow(2);
    waitUntil([&] { return panel->outputView()->blockCount() > 10; }, 20000);
    waitUntil([] { return false; }, 500);
    const QString path = QDir(outDir).filePath(QStringLiteral("background%1.png").arg(suffix));
    const bool saved = window.grab().save(path);
    std::printf("%s\n", qPrintable(saved ? path : QStringLiteral("could not save ") + path));
    cli({"--stop-engine"});
    window.quitNow();
    return saved ? 0 : 1;
}

int takeReopenedScene(const QString &outDir, const QString &suffix)
{
    QTemporaryDir home;
    privateEngine(home);
    // A night's batch of conversions at -j 4 handed to the engine (by a window that was then
    // closed with "Keep running"; procdeck-cli's --detach is the same request), and the window
    // opened again on it: two done, four running, the rest queued there.
    cli({"--detach", "-j", "4", "--template",
         "for i in $(seq 1 {}); do echo \"clip-{}.mov: frame $((i * 24)) of $(({} * 24))\"; "
         "sleep 0.25; done",
         "--values", "3,4,240,300,360,420,480,540,600,660,720,780"});
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->setSizes({430, 370});
    const procdeck::Scheduler &jobs = window.scheduler();
    const auto running = [&] {
        int n = 0;
        for (int i = 0; i < jobs.count(); ++i)
            n += jobs.jobAt(i)->state() == procdeck::JobState::Running
                         && !jobs.jobAt(i)->pendingOnCluster();
        return n;
    };
    waitUntil([&] { return jobs.count() == 12 && running() == 4; }, 30000);
    waitUntil([] { return false; }, 3000); // a few frames into each
    window.selectJob(jobs.jobAt(3)->seq());
    waitUntil([] { return false; }, 1000);
    const QString path = QDir(outDir).filePath(QStringLiteral("reopened%1.png").arg(suffix));
    const bool saved = window.grab().save(path);
    std::printf("%s\n", qPrintable(saved ? path : QStringLiteral("could not save ") + path));
    cli({"--stop-engine"});
    window.quitNow();
    return saved ? 0 : 1;
}
