// What one repaint of the timeline costs as jobs pile up: N × /bin/true at -j 16 through the
// scheduler, then the timeline (1000 × 300) painted 20 times. Prints key=value lines; with a
// second argument, saves the last picture there (PNG).
#include "core/scheduling/scheduler.h"
#include "timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>

#include <algorithm>
#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    procdeck::Scheduler scheduler;
    scheduler.setMaxParallel(16);
    procdeck::app::TimelineView timeline(&scheduler);
    timeline.resize(1000, 300);
    QList<procdeck::JobSpec> specs;
    for (int i = 0; i < count; ++i) {
        procdeck::JobSpec spec;
        spec.program = QStringLiteral("/bin/true");
        specs << spec;
    }
    QObject::connect(&scheduler, &procdeck::Scheduler::idle, &app, &QCoreApplication::quit);
    scheduler.addBatch(specs);
    app.exec();
    QList<qint64> us;
    QElapsedTimer clock;
    QPixmap picture;
    for (int i = 0; i < 20; ++i) {
        clock.start();
        picture = timeline.grab();
        us << clock.nsecsElapsed() / 1000;
    }
    if (argc > 2)
        picture.save(QString::fromLocal8Bit(argv[2]));
    std::sort(us.begin(), us.end());
    std::printf("jobs=%d\npaint_ms_median=%.2f\npaint_ms_max=%.2f\n", count, us[us.size() / 2] / 1000.0, us.last() / 1000.0);
    return 0;
}
