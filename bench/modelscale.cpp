// Scale: N finished jobs in the job table, through the proxy the window uses. Prints the RSS
// they take and the time to sort by each column and to filter by text, as key=value lines.
#include "core/monitor/processsampler.h"
#include "core/models/jobfilterproxy.h"
#include "core/models/jobtablemodel.h"
#include "core/scheduling/scheduler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const qint64 rssStart = procdeck::ProcessSampler::residentKb();
    procdeck::Scheduler scheduler;
    scheduler.setMaxParallel(16);
    procdeck::JobTableModel model(&scheduler);
    procdeck::JobFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setDynamicSortFilter(false); // the bench sorts on demand, as a click on a header does
    QList<procdeck::JobSpec> specs;
    specs.reserve(count);
    for (int i = 0; i < count; ++i) {
        procdeck::JobSpec spec;
        spec.program = QStringLiteral("/bin/echo");
        spec.arguments = {QStringLiteral("job-%1").arg(i)};
        specs << spec;
    }
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&scheduler, &procdeck::Scheduler::idle, &app, &QCoreApplication::quit);
    scheduler.addBatch(specs);
    app.exec();
    model.flushPendingChanges();
    std::printf("jobs=%d\nrun_s=%.1f\nrss_mib=%.1f\n", count, clock.elapsed() / 1000.0, (procdeck::ProcessSampler::residentKb() - rssStart) / 1024.0);
    qint64 worstSort = 0;
    for (int column = 0; column < procdeck::JobTableModel::ColumnCount; ++column) {
        clock.restart();
        proxy.sort(column, column % 2 ? Qt::DescendingOrder : Qt::AscendingOrder);
        worstSort = qMax(worstSort, clock.elapsed());
        std::printf("sort_ms_col%d=%lld\n", column, static_cast<long long>(clock.elapsed()));
    }
    std::printf("sort_ms_worst=%lld\n", static_cast<long long>(worstSort));
    clock.restart();
    proxy.setText(QStringLiteral("job-4242"));
    const qint64 filterMs = clock.elapsed();
    std::printf("filter_ms=%lld\nfilter_rows=%d\n", static_cast<long long>(filterMs), proxy.rowCount());
    return 0;
}
