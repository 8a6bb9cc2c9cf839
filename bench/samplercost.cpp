// What sampling costs: 64 jobs running, one /proc pass per sample; prints the CPU time a sample
// takes and what that is of one core at the default 0.5 s interval. Each job is a shell and its
// sleeps: 4 processes by default, or as many as the first argument says (2 and more).
#include "core/monitor/processsampler.h"
#include "core/scheduling/scheduler.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <ctime>

namespace {
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int processes = argc > 1 ? qMax(2, QByteArray(argv[1]).toInt()) : 4;
    procdeck::Scheduler scheduler;
    scheduler.setMaxParallel(64);
    procdeck::ProcessSampler sampler(&scheduler);
    QList<procdeck::JobSpec> specs;
    for (int i = 0; i < 64; ++i) {
        procdeck::JobSpec spec;
        spec.useShell = true;
        spec.shellCommand = QStringLiteral("sleep 30 & ").repeated(processes - 2)
                + QStringLiteral("sleep 30; wait");
        specs << spec;
    }
    scheduler.addBatch(specs);
    QTimer::singleShot(1500, &app, [&] {
        constexpr int kSamples = 50;
        const double before = cpuSeconds();
        for (int i = 0; i < kSamples; ++i)
            sampler.sampleNow();
        const double perSample = (cpuSeconds() - before) / kSamples;
        std::printf("sample_ms=%.3f\ncore_percent=%.3f\nprocesses=%d\n", perSample * 1000, perSample / (sampler.interval() / 1000.0) * 100,
                    scheduler.jobAt(0)->usage().processes);
        scheduler.killAllNow();
        app.quit();
    });
    return app.exec();
}
