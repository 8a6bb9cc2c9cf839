// Issue 25's target: a window attaching to an engine that holds N ended jobs has its table
// filled in < 2 s. A stand-in engine on a thread of its own (a private socket) answers hello
// and lists N ended jobs as the engine's watch frames them (enginerecords.h); the real
// MainWindow (offscreen) attaches to it and is timed until its table has N rows. Prints the
// time, the CPU and the RSS as key=value lines; the RSS includes the stand-in's copies of the
// listing (listing_mib, its own and the one being sent on the window's watch).
//
//   QT_QPA_PLATFORM=offscreen procdeck-bench-windowattach [N]
#include "enginerecords.h"

#include "core/monitor/processsampler.h"
#include "core/protocol/framereader.h"
#include "core/protocol/protocol.h"
#include "core/scheduling/scheduler.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace protocol = procdeck::protocol;
using procdeck::FrameReader;

namespace {

/// The process's CPU time (CLOCK_PROCESS_CPUTIME_ID), or the calling thread's.
qint64 cpuMs(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID)
{
    timespec t{};
    clock_gettime(clock, &t);
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

/// Each connection: hello answered, a watch or a status answered with the listing, the rest
/// (follows) left unanswered, as an engine whose jobs have all ended and been fetched.
void serve(QLocalSocket *peer, const QByteArray *listing)
{
    auto *reader = new FrameReader;
    QObject::connect(peer, &QObject::destroyed, [reader] { delete reader; });
    QObject::connect(peer, &QLocalSocket::disconnected, peer, &QObject::deleteLater);
    QObject::connect(peer, &QLocalSocket::readyRead, peer, [peer, reader, listing] {
        reader->feed(peer->readAll());
        QCborMap message;
        QString error;
        while (reader->next(&message, &error) == FrameReader::Result::Message) {
            const QString kind = protocol::typeOf(message);
            if (kind == protocol::type::hello)
                peer->write(protocol::encode(protocol::message(
                        protocol::type::hello, {{QStringLiteral("engine_pid"), getpid()}})));
            else if (kind == protocol::type::watch)
                peer->write(*listing);
        }
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QTemporaryDir home;
    for (const char *name : {"XDG_RUNTIME_DIR", "XDG_STATE_HOME", "XDG_DATA_HOME",
                             "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
        const QString dir = home.filePath(QString::fromLatin1(name));
        QDir().mkpath(dir);
        qputenv(name, QFile::encodeName(dir));
    }
    QFile::setPermissions(home.filePath(QStringLiteral("XDG_RUNTIME_DIR")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QList<procdeck::JobRecord> jobs;
    for (int seq = 1; seq <= count; ++seq)
        jobs << benchrecords::endedJob(seq);
    QByteArray listing;
    for (const QByteArray &frame : benchrecords::framedStraight(jobs))
        listing += frame;
    jobs.clear();

    const QString runtime = home.filePath(QStringLiteral("XDG_RUNTIME_DIR/procdeck"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QThread engine;
    QLocalServer server;
    server.listen(QDir(runtime).filePath(QStringLiteral("engine")));
    QObject::connect(&server, &QLocalServer::newConnection, &server, [&] {
        while (QLocalSocket *peer = server.nextPendingConnection())
            serve(peer, &listing);
    });
    server.moveToThread(&engine);
    engine.start();

    const qint64 rssStart = procdeck::ProcessSampler::residentKb();
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuStart = cpuMs();
    const qint64 guiCpuStart = cpuMs(CLOCK_THREAD_CPUTIME_ID);
    procdeck::app::MainWindow window;
    window.resize(1280, 800);
    window.show();
    qint64 filledMs = -1;
    qint64 filledCpuMs = 0;
    qint64 guiCpuMs = 0; ///< the window's thread alone: the listing's decoding is beside it
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (window.scheduler().count() < count)
            return;
        filledMs = clock.elapsed();
        filledCpuMs = cpuMs() - cpuStart;
        guiCpuMs = cpuMs(CLOCK_THREAD_CPUTIME_ID) - guiCpuStart;
        app.quit();
    });
    poll.start(5);
    QTimer::singleShot(120000, &app, &QApplication::quit);
    app.exec();
    std::printf("jobs=%d\nrows=%d\nfilled_ms=%lld\nfilled_cpu_ms=%lld\ngui_cpu_ms=%lld\n"
                "window_rss_mib=%.1f\nlisting_mib=%.1f\nload=%.2f\n",
                count, window.scheduler().count(), static_cast<long long>(filledMs),
                static_cast<long long>(filledCpuMs), static_cast<long long>(guiCpuMs),
                double(procdeck::ProcessSampler::residentKb() - rssStart) / 1024.0,
                double(listing.size()) / (1024.0 * 1024.0),
                [] { double l[1]; return getloadavg(l, 1) == 1 ? l[0] : -1.0; }());
    const bool filled = window.scheduler().count() == count;
    window.quitNow();
    QMetaObject::invokeMethod(&server, [&] { server.close(); }, Qt::BlockingQueuedConnection);
    engine.quit();
    engine.wait();
    return filled ? 0 : 1;
}
