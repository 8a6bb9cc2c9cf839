// Attaching to an engine that holds N ended jobs (issue 25): the watch's first listing as the
// socket brings it — frames of 500 records, each the engine's fields of an ended job — read
// and applied to EngineJobsModel. Prints the bytes, the time and the model's memory as
// key=value lines, and what making those records costs the engine: written straight as CBOR, as
// the engine does (jobrecordcbor), and, in the same run, through the export's JSON line as it
// did before. The target: 100,000 jobs in well under 2 s.
#include "enginerecords.h"

#include "core/export/runlog.h"
#include "core/models/enginejobsmodel.h"
#include "core/models/jobrecordcbor.h"
#include "core/models/recordframe.h"
#include "core/monitor/processsampler.h"
#include "core/protocol/framereader.h"
#include "core/protocol/protocol.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>

#include <cstdio>
#include <functional>
#include <malloc.h>
#include <ctime>

using namespace procdeck;
using benchrecords::endedJob;
using benchrecords::framedStraight;

namespace {

/// This process's CPU time: the load's own cost, whatever else the machine runs.
qint64 cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

/// The same as they were made before: the export's JSON line, read back and turned into CBOR.
QList<QByteArray> framedThroughJson(const QList<JobRecord> &jobs)
{
    QList<QByteArray> stream;
    for (qsizetype first = 0; first < jobs.size(); first += 500) {
        QCborArray page;
        for (qsizetype i = first; i < first + 500 && i < jobs.size(); ++i) {
            ExportEntry e;
            e.record = jobs.at(i);
            page << QCborMap::fromJsonObject(runlog::toJson(e));
        }
        stream << protocol::encode(protocol::message(protocol::type::jobs,
                                                     {{QStringLiteral("jobs"), page}}));
    }
    return stream << protocol::encode(protocol::message(protocol::type::end));
}

/// `make`'s wall and CPU time in ms.
QPair<qint64, qint64> timed(const std::function<void()> &make)
{
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuStart = cpuMs();
    make();
    return {clock.elapsed(), cpuMs() - cpuStart};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    // The engine's side first: records made and framed as a watch sends them (the engine reads
    // them from its jobs, here from JobRecords).
    QList<JobRecord> jobs;
    for (int seq = 1; seq <= count; ++seq)
        jobs << endedJob(seq);
    QList<QByteArray> frames;
    const auto [engineMs, engineCpuMs] = timed([&] { frames = framedStraight(jobs); });
    QList<QByteArray> jsonFrames;
    const auto [jsonMs, jsonCpuMs] = timed([&] { jsonFrames = framedThroughJson(jobs); });
    // Nothing freed before the model's memory is measured, which would reuse it; the heap in
    // use says the model's share whatever it reuses.
    QByteArray stream;
    for (const QByteArray &frame : std::as_const(frames))
        stream += frame;

    const qint64 rssStart = ProcessSampler::residentKb();
    const size_t heapStart = mallinfo2().uordblks;
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
    const double heapMib = double(mallinfo2().uordblks - heapStart) / (1024.0 * 1024.0);
    std::printf("jobs=%d\nrows=%d\nlisted=%d\nstream_mib=%.1f\ndecode_ms=%lld\nload_ms=%lld\n"
                "load_cpu_ms=%lld\nmodel_rss_mib=%.1f\nengine_records_ms=%lld\n"
                "engine_records_cpu_ms=%lld\nengine_records_json_ms=%lld\n"
                "engine_records_json_cpu_ms=%lld\nmodel_heap_mib=%.1f\n",
                count, model.rowCount(), model.isListed() ? 1 : 0,
                double(stream.size()) / (1024.0 * 1024.0), static_cast<long long>(decodeMs),
                static_cast<long long>(loadMs), static_cast<long long>(loadCpuMs),
                double(ProcessSampler::residentKb() - rssStart) / 1024.0,
                static_cast<long long>(engineMs), static_cast<long long>(engineCpuMs),
                static_cast<long long>(jsonMs), static_cast<long long>(jsonCpuMs), heapMib);
    return model.rowCount() == count && model.isListed() ? 0 : 1;
}
