// Issue 25.4 asks that the engine's protocol be chosen by measuring, not by taste: Qt Remote
// Objects' model replication against the CBOR watch (bench/enginejobsload). This attaches a
// client to a host process holding N ended jobs in EngineJobsModel, over QtRO's local socket:
// the time until the replica knows its rows, until the first screen (40 rows, every column) has
// data, and until every row has been fetched as a person scrolling to the end would fetch them
// (a screen at a time); and the replica's memory. key=value lines on stdout.
//
//   procdeck-bench-qtroattach [jobs]
#include "enginerecords.h"

#include "core/models/enginejobsmodel.h"
#include "core/monitor/processsampler.h"
#include "core/protocol/framereader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRemoteObjectHost>
#include <QRemoteObjectNode>
#include <QtRemoteObjects/QAbstractItemModelReplica>

#include <cstdio>
#include <functional>
#include <memory>

using namespace procdeck;

namespace {

constexpr int kScreenRows = 40;

/// The engine's side: N ended jobs in the model a watch fills, remoted until stdin closes.
int host(int count, const QString &url)
{
    QList<JobRecord> jobs;
    for (int seq = 1; seq <= count; ++seq)
        jobs << benchrecords::endedJob(seq);
    EngineJobsModel model;
    FrameReader reader;
    for (const QByteArray &frame : benchrecords::framedStraight(jobs))
        reader.feed(frame);
    QCborMap message;
    QString error;
    while (reader.next(&message, &error) == FrameReader::Result::Message)
        model.apply(message);
    QRemoteObjectHost node{QUrl(url)};
    if (!node.enableRemoting(&model, QStringLiteral("jobs"), {Qt::DisplayRole}))
        return 1;
    std::printf("ready %d\n", model.rowCount());
    std::fflush(stdout);
    return QCoreApplication::exec(); // until the bench ends it
}

/// Runs the event loop until `done` or `ms` have passed; false on the deadline.
bool waitUntil(const std::function<bool()> &done, qint64 ms)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

/// Whether rows [first, first + kScreenRows) have every column's text; asking is what makes
/// the replica fetch them, as a view painting them does.
bool screenHasData(const QAbstractItemModelReplica &replica, int first)
{
    bool all = true;
    for (int row = first; row < qMin(first + kScreenRows, replica.rowCount()); ++row) {
        for (int column = 0; column < replica.columnCount(); ++column) {
            const QModelIndex index = replica.index(row, column);
            if (!replica.hasData(index, Qt::DisplayRole)) {
                replica.data(index);
                all = false;
            }
        }
    }
    return all;
}

int client(int count)
{
    const QString url
            = QStringLiteral("local:procdeck-bench-qtro-%1").arg(QCoreApplication::applicationPid());
    QProcess hostProcess;
    hostProcess.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    hostProcess.start(QCoreApplication::applicationFilePath(),
                      {QStringLiteral("--host"), QString::number(count), url});
    if (!hostProcess.waitForReadyRead(300000)
        || !hostProcess.readLine().startsWith("ready " + QByteArray::number(count))) {
        std::fprintf(stderr, "the host did not start\n");
        return 1;
    }
    const qint64 rssStart = ProcessSampler::residentKb();
    QElapsedTimer clock;
    clock.start();
    QRemoteObjectNode node;
    node.connectToNode(QUrl(url));
    const std::unique_ptr<QAbstractItemModelReplica> replica(node.acquireModel(
            QStringLiteral("jobs"), QtRemoteObjects::FetchRootSize, {Qt::DisplayRole}));
    const bool listed = waitUntil(
            [&] { return replica->isInitialized() && replica->rowCount() == count; }, 120000);
    const qint64 listedMs = clock.elapsed();
    const bool screen = listed && waitUntil([&] { return screenHasData(*replica, 0); }, 120000);
    const qint64 screenMs = clock.elapsed();
    int scrolled = 0; // rows fetched, a screen at a time, within five minutes
    while (screen && scrolled < count && clock.elapsed() < 300000
           && waitUntil([&] { return screenHasData(*replica, scrolled); }, 60000))
        scrolled += kScreenRows;
    scrolled = qMin(scrolled, count);
    std::printf("jobs=%d\nlisted=%d\nlisted_ms=%lld\nfirst_screen_ms=%lld\nscrolled_rows=%d\n"
                "scrolled_ms=%lld\nreplica_rss_mib=%.1f\n",
                count, listed ? 1 : 0, static_cast<long long>(listedMs),
                static_cast<long long>(screenMs), scrolled,
                static_cast<long long>(clock.elapsed()),
                double(ProcessSampler::residentKb() - rssStart) / 1024.0);
    hostProcess.terminate();
    hostProcess.waitForFinished(10000);
    return listed && screen && scrolled == count ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 4 && args.at(1) == QLatin1String("--host"))
        return host(args.at(2).toInt(), args.at(3));
    return client(args.size() > 1 ? args.at(1).toInt() : 100000);
}
