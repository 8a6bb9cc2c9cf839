#include "jobusage.h"

namespace procdeck {

void JobUsage::add(double percent, qint64 rss, double seconds, int members)
{
    cpuPercent = percent;
    rssKb = rss;
    peakRssKb = qMax(peakRssKb, rss);
    cpuSeconds = qMax(cpuSeconds, seconds); // never backwards, even if a member vanished
    processes = members;
    ++samples;
    cpuHistory.append(float(percent));
    rssHistory.append(rss);
    if (cpuHistory.size() > kHistory) {
        cpuHistory.removeFirst();
        rssHistory.removeFirst();
    }
}

} // namespace procdeck
