// The Processes view of a job with many processes (issue 26's figure): the real MainWindow
// (offscreen) runs `for i in $(seq N); do sleep 60 & done; wait`, the job selected and its
// Processes tab on screen, so the sampler lists all N+1 processes at every sample and the view
// takes them. A heartbeat timer in the GUI thread measures how late it fires for S seconds once
// the view holds them all. Prints key=value lines: p50/p99/max lateness, the sampler thread's
// and the GUI thread's CPU over the measure (% of a core), the rows listed, the samples taken.
// Usage: procdeck-bench-processesload [N=1000] [S=20] [interval ms=500] [notab]
// ("notab": the Output tab on screen instead, the same job sampled as a whole: the baseline.)
#include "core/models/processtreemodel.h"
#include "core/monitor/processsampler.h"
#include "core/process/job.h"
#include "mainwindow.h"
#include "processespanel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace procdeck::app;

namespace {

/// CPU ticks (user + system) of this process's thread `tid`.
long long ticksOf(const QString &tid)
{
    QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong(); // utime, stime
}

/// The id of this process's thread named `name`; empty when none is.
QString threadNamed(const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        // comm keeps 15 bytes of a name: "procdeck-sample".
        if (comm.open(QIODevice::ReadOnly) && name.startsWith(comm.readAll().trimmed()))
            return tid;
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int processes = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    const int seconds = argc > 2 ? QByteArray(argv[2]).toInt() : 20;
    const int intervalMs = argc > 3 ? QByteArray(argv[3]).toInt() : 500;
    const bool tab = !(argc > 4 && QByteArray(argv[4]) == "notab");
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.sampler()->setInterval(intervalMs);
    procdeck::JobSpec spec;
    spec.useShell = true;
    spec.shellCommand
            = QStringLiteral("for i in $(seq %1); do sleep 60 & done; wait").arg(processes);
    procdeck::Job *job = window.launch(spec);
    window.selectJob(job->seq());
    auto *panel = window.findChild<ProcessesPanel *>();
    if (tab)
        window.findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentWidget(panel);

    constexpr int kBeatMs = 10;
    QList<qint64> lateness;
    QElapsedTimer beat;
    QElapsedTimer measured;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(kBeatMs);
    int samples = 0;
    int rows = 0;
    QEventLoop loop; // not the application's: the window refuses to quit while jobs run
    QObject::connect(window.sampler(), &procdeck::ProcessSampler::processesSampled,
                     [&](int, const procdeck::ProcessRows &r) {
                         ++samples;
                         rows = int(r.size());
                     });
    const QString mainTid = QString::number(::getpid());
    const QString samplerTid = threadNamed("procdeck-sampler");
    long long samplerStart = 0;
    long long mainStart = 0;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        if (beat.isValid())
            lateness << qMax<qint64>(0, beat.nsecsElapsed() / 1000 - kBeatMs * 1000);
        beat.restart();
        if (measured.elapsed() >= qint64(seconds) * 1000)
            loop.quit();
    });
    QTimer waitFull; // the measure starts once the view lists every process
    QObject::connect(&waitFull, &QTimer::timeout, [&] {
        if ((tab ? panel->model()->count() : job->usage().processes) < processes + 1)
            return;
        waitFull.stop();
        samples = 0;
        samplerStart = ticksOf(samplerTid);
        mainStart = ticksOf(mainTid);
        measured.start();
        heartbeat.start();
    });
    waitFull.start(100);
    QTimer::singleShot(180000, &loop, &QEventLoop::quit); // never listed them all: said below
    loop.exec();
    heartbeat.stop();

    const double ticksPerSecond = double(::sysconf(_SC_CLK_TCK));
    const double wall = measured.isValid() ? double(measured.elapsed()) / 1000.0 : 0.0;
    const long long samplerTicks = ticksOf(samplerTid);
    const long long mainTicks = ticksOf(mainTid);
    auto share = [&](long long start, long long end) {
        return wall > 0 ? double(end - start) / ticksPerSecond * 100.0 / wall : 0.0;
    };
    std::sort(lateness.begin(), lateness.end());
    auto pct = [&](double p) {
        return lateness.isEmpty()
                ? 0.0
                : double(lateness[qsizetype(p * double(lateness.size() - 1))]) / 1000.0;
    };
    std::printf("processes=%d\nrows=%d\nseconds=%.1f\nsamples=%d\nbeats=%lld\n", processes, rows,
                wall, samples, static_cast<long long>(lateness.size()));
    std::printf("late_p50_ms=%.2f\nlate_p99_ms=%.2f\nlate_max_ms=%.2f\n", pct(0.5), pct(0.99),
                pct(1.0));
    std::printf("sampler_cpu_pct=%.1f\ngui_cpu_pct=%.1f\n", share(samplerStart, samplerTicks),
                share(mainStart, mainTicks));
    window.quitNow();
    return 0;
}
