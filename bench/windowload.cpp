// The window under load: the real MainWindow (offscreen) with N jobs running `nice -n 19 yes`
// flat out for S seconds, selected job's output view live. A heartbeat timer in the GUI thread
// measures how late it fires. Prints key=value lines: p50/p99/max lateness, RSS, bytes counted.
// With "trim" among the arguments, malloc_trim(0) runs before each RSS sample: what RSS grows
// by without it and not with it is memory the allocator keeps for reuse, not memory held.
#include "core/monitor/processsampler.h"
#include "core/scheduling/scheduler.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <malloc.h>

using namespace procdeck::app;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int jobs = argc > 1 ? QByteArray(argv[1]).toInt() : 64;
    const int seconds = argc > 2 ? QByteArray(argv[2]).toInt() : 10;
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QList<procdeck::JobSpec> specs;
    for (int i = 0; i < jobs; ++i) {
        procdeck::JobSpec spec;
        spec.program = QStringLiteral("nice");
        spec.arguments = {QStringLiteral("-n"), QStringLiteral("19"), QStringLiteral("yes"), QStringLiteral("procdeck")};
        spec.timeoutSeconds = seconds;
        specs << spec;
    }
    window.launchBatch(specs, jobs);
    const QByteArrayList options = [&] {
        QByteArrayList list;
        for (int i = 3; i < argc; ++i)
            list << QByteArray(argv[i]);
        return list;
    }();
    const bool trim = options.contains("trim");
    if (!options.contains("noselect"))
        window.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(0); // its output follows live

    constexpr int kBeatMs = 10;
    QList<qint64> lateness;
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(kBeatMs);
    QList<qint64> rssSamples;
    bool full = false;
    auto tailsFull = [&] {
        for (int i = 0; i < window.scheduler().count() && !full; ++i) {
            const procdeck::OutputLog &log = window.scheduler().jobAt(i)->stdoutLog();
            if (log.totalBytes() < log.tailLimit())
                return false;
        }
        return full = true;
    };
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        if (beat.isValid())
            lateness << qMax<qint64>(0, beat.nsecsElapsed() / 1000 - kBeatMs * 1000);
        beat.restart();
        // RSS from when every job's tail is full (64 MiB of the 1 MiB tails): before that its
        // growth is the tails filling up, which a slow start under load stretches past 1 s.
        if (lateness.size() % 100 == 0 && tailsFull()) {
            if (trim)
                malloc_trim(0);
            rssSamples << procdeck::ProcessSampler::residentKb();
        }
    });
    QTimer::singleShot(500, [&] { heartbeat.start(); }); // once every job has started
    QObject::connect(&window.scheduler(), &procdeck::Scheduler::idle, &app, [&] {
        heartbeat.stop();
        app.quit();
    });
    app.exec();

    std::sort(lateness.begin(), lateness.end());
    auto pct = [&](double p) { return lateness.isEmpty() ? 0.0 : lateness[qsizetype(p * double(lateness.size() - 1))] / 1000.0; };
    qint64 bytes = 0;
    bool exact = true;
    for (int i = 0; i < window.scheduler().count(); ++i) {
        const procdeck::Job *job = window.scheduler().jobAt(i);
        bytes += job->stdoutLog().totalBytes();
        QFile spill(job->stdoutLog().spillPath());
        exact = exact && spill.size() == job->stdoutLog().totalBytes();
        spill.remove();
    }
    const qint64 rssFirst = rssSamples.isEmpty() ? 0 : rssSamples.first();
    const qint64 rssLast = rssSamples.isEmpty() ? 0 : rssSamples.last();
    std::printf("beats=%lld\nlate_p50_ms=%.2f\nlate_p99_ms=%.2f\nlate_max_ms=%.2f\n", static_cast<long long>(lateness.size()),
                pct(0.5), pct(0.99), pct(1.0));
    std::printf("rss_first_mib=%.1f\nrss_last_mib=%.1f\nbytes_gib=%.2f\nbytes_exact=%s\n", rssFirst / 1024.0,
                rssLast / 1024.0, bytes / 1073741824.0, exact ? "yes" : "no");
    window.quitNow();
    return 0;
}
