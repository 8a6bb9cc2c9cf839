#include "jobusage.h"

namespace procdeck {

void JobUsage::add(const UsageSample &sample)
{
    cpuPercent = sample.cpuPercent;
    rssKb = sample.rssKb;
    peakRssKb = qMax(peakRssKb, sample.rssKb);
    cpuSeconds = qMax(cpuSeconds, sample.cpuSeconds); // never backwards, even if a member vanished
    processes = sample.processes;
    raiseIo(sample.ioReadBytes, sample.ioWriteBytes);
    ioReadRate = sample.ioReadRate;
    ioWriteRate = sample.ioWriteRate;
    ++samples;
    idleMs = sample.idleMs;
    idleWaits = sample.waits;
    cpuHistory.append(float(sample.cpuPercent));
    rssHistory.append(sample.rssKb);
    ioReadHistory.append(float(sample.ioReadRate));
    ioWriteHistory.append(float(sample.ioWriteRate));
    if (cpuHistory.size() > kHistory) {
        cpuHistory.removeFirst();
        rssHistory.removeFirst();
        ioReadHistory.removeFirst();
        ioWriteHistory.removeFirst();
    }
}

void JobUsage::forgetHistory()
{
    // Assigned empty rather than cleared: clear() keeps the capacity.
    cpuHistory = {};
    rssHistory = {};
    ioReadHistory = {};
    ioWriteHistory = {};
}

void JobUsage::raiseIo(qint64 readBytes, qint64 writeBytes)
{
    ioReadBytes = qMax(ioReadBytes, readBytes);
    ioWriteBytes = qMax(ioWriteBytes, writeBytes);
}

} // namespace procdeck
