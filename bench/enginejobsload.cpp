// Attaching to an engine that holds N ended jobs (issue 25): the watch's first listing as the
// socket brings it — frames of 500 records, each the engine's fields of an ended job — read
// and applied to EngineJobsModel. Prints the bytes, the time and the model's memory as
// key=value lines, and what making those records costs the engine. The target: 100,000 jobs in
// well under 2 s.
#include "core/export/runlog.h"
#include "core/models/enginejobsmodel.h"
#include "core/monitor/processsampler.h"
#include "core/protocol/framereader.h"
#include "core/protocol/protocol.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>

#include <cstdio>
#include <ctime>

using namespace procdeck;

namespace {

/// This process's CPU time: the load's own cost, whatever else the machine runs.
qint64 cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

/// What the engine sends for an ended job (WatchStream::record): the export's fields.
QCborMap endedJob(int seq)
{
    ExportEntry e;
    JobRecord &r = e.record;
    r.seq = seq;
    r.command = QStringLiteral("/bin/echo job-%1").arg(seq);
    r.state = JobState::Finished;
    r.exitCode = 0;
    r.queuedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    r.startedAt = r.queuedAt.addMSecs(seq % 1000);
    r.finishedAt = r.startedAt.addMSecs(3);
    r.durationMs = 3;
    r.pid = 100000 + seq;
    r.stdoutBytes = 11;
    r.stdoutLines = 1;
    r.encoding = QStringLiteral("UTF-8");
    r.cwd = QStringLiteral("/home/someone/work");
    r.stdoutPath = QStringLiteral("/home/someone/.local/share/procdeck/runs/x/%1.out").arg(seq);
    r.host = QStringLiteral("host");
    return QCborMap::fromJsonObject(runlog::toJson(e));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    // The engine's side first: records made and framed as a watch sends them (ExportEntry's
    // JSON fields to CBOR; the engine reads them from its jobs, here from JobRecords).
    QElapsedTimer engineClock;
    engineClock.start();
    const qint64 engineCpuStart = cpuMs();
    QByteArray stream;
    for (int first = 1; first <= count; first += 500) {
        QCborArray page;
        for (int seq = first; seq < first + 500 && seq <= count; ++seq)
            page << endedJob(seq);
        stream += protocol::encode(protocol::message(protocol::type::jobs,
                                                     {{QStringLiteral("jobs"), page}}));
    }
    stream += protocol::encode(protocol::message(protocol::type::end));
    const qint64 engineMs = engineClock.elapsed();
    const qint64 engineCpuMs = cpuMs() - engineCpuStart;

    const qint64 rssStart = ProcessSampler::residentKb();
    EngineJobsModel model;
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuStart = cpuMs();
    FrameReader reader;
    qint64 applyMs = 0;
    // As a socket hands it over: 64 KiB reads.
    for (qsizetype at = 0; at < stream.size(); at += 65536) {
        reader.feed(stream.mid(at, 65536));
        QCborMap message;
        QString error;
        while (reader.next(&message, &error) == FrameReader::Result::Message) {
            const qint64 before = clock.elapsed();
            model.apply(message);
            applyMs += clock.elapsed() - before;
        }
    }
    const qint64 decodeMs = clock.elapsed() - applyMs;
    const qint64 loadMs = clock.elapsed();
    const qint64 loadCpuMs = cpuMs() - cpuStart;
    std::printf("jobs=%d\nrows=%d\nlisted=%d\nstream_mib=%.1f\ndecode_ms=%lld\nload_ms=%lld\n"
                "load_cpu_ms=%lld\nmodel_rss_mib=%.1f\nengine_records_ms=%lld\n"
                "engine_records_cpu_ms=%lld\n",
                count, model.rowCount(), model.isListed() ? 1 : 0,
                double(stream.size()) / (1024.0 * 1024.0), static_cast<long long>(decodeMs),
                static_cast<long long>(loadMs), static_cast<long long>(loadCpuMs),
                double(ProcessSampler::residentKb() - rssStart) / 1024.0,
                static_cast<long long>(engineMs), static_cast<long long>(engineCpuMs));
    return model.rowCount() == count && model.isListed() ? 0 : 1;
}
