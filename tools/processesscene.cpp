#include "processesscene.h"

#include "core/models/processtreemodel.h"
#include "core/monitor/processsampler.h"
#include "core/process/job.h"
#include "mainwindow.h"
#include "processespanel.h"
#include "scenewait.h"

#include <QDir>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>

#include <cstdio>

using namespace procdeck::app;

namespace {

/// A shell, its sleep, an orphan (sleep 61, whose subshell ended) and a python of four threads
/// that rewrites one MiB of a file and syncs it ten times a second.
procdeck::JobSpec smallTree(const QString &dir)
{
    procdeck::JobSpec spec;
    spec.useShell = true;
    spec.workingDirectory = dir;
    spec.shellCommand = QStringLiteral(
            "sleep 60 & (sleep 61 &); python3 -c 'import os, threading, time\n"
            "for i in range(3): threading.Thread(target=time.sleep, args=(60,)).start()\n"
            "f = open(\"data\", \"wb\")\n"
            "while True: f.seek(0); f.write(bytes(1 << 20)); f.flush(); os.fsync(f.fileno()); "
            "time.sleep(0.1)'");
    return spec;
}

procdeck::JobSpec shellJob(const QString &line)
{
    procdeck::JobSpec spec;
    spec.useShell = true;
    spec.shellCommand = line;
    return spec;
}

} // namespace

int takeIdleScene(const QString &outDir, const QString &suffix)
{
    for (const QSize size : {QSize(1280, 800), QSize(800, 600)}) {
        MainWindow window;
        window.resize(size);
        window.show();
        window.sampler()->setIdleAfterMs(2000); // a minute in the preferences by default
        window.scheduler().setMaxParallel(8);
        window.launch(shellJob(QStringLiteral("echo ready")));
        procdeck::Job *sleeper = window.launch(shellJob(QStringLiteral("sleep 300")));
        procdeck::Job *pipe = window.launch(shellJob(QStringLiteral("sleep 300 | wc -l")));
        window.launch(shellJob(QStringLiteral(
                "python3 -c 'import time\nwhile True: sum(range(20000)); time.sleep(0.02)'")));
        const auto idle = [](const procdeck::Job *job) { return job->usage().idleMs > 0; };
        scenewait::waitUntil([&] { return idle(sleeper) && idle(pipe); }, 20000);
        scenewait::waitUntil([] { return false; }, 1500); // the busy job's CPU over samples
        window.selectJob(pipe->seq());
        auto *panel = window.findChild<ProcessesPanel *>();
        window.findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentWidget(panel);
        scenewait::waitUntil([&] { return panel->model()->count() == 3; }, 5000);
        const QString name = size.width() == 1280 ? QStringLiteral("idle%1.png")
                                                  : QStringLiteral("idle-800x600%1.png");
        scenewait::grab(&window, outDir, name.arg(suffix));
        window.quitNow();
    }
    return 0;
}

int takeProcessesScene(const QString &outDir, const QString &suffix)
{
    QTemporaryDir work;
    for (const QSize size : {QSize(1280, 800), QSize(800, 600)}) {
        MainWindow window;
        window.resize(size);
        window.show();
        procdeck::Job *job = window.launch(smallTree(work.path()));
        window.selectJob(job->seq());
        auto *panel = window.findChild<ProcessesPanel *>();
        window.findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentWidget(panel);
        scenewait::waitUntil([&] { return panel->model()->count() == 4; }, 20000);
        scenewait::waitUntil([] { return false; }, 4000); // rates over a few samples; the
                                                         // subshell's greyed row gone
        QTreeView *view = panel->view();
        view->setCurrentIndex(view->model()->index(0, 0));
        const QString name = size.width() == 1280 ? QStringLiteral("processes%1.png")
                                                  : QStringLiteral("processes-800x600%1.png");
        scenewait::grab(&window, outDir, name.arg(suffix));
        window.quitNow();
    }
    return 0;
}
